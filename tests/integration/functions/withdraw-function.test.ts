/**
 * The withdrawal function's real handler, called with real Request objects, on a real (embedded)
 * database: opening the link changes nothing, the button withdraws once, and a link that we did
 * not send withdraws nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxMailer } from "../../../src/notify/outbox-mailer.ts";
import { createPledgeNotices } from "../../../src/notify/pledge-notices.ts";
import { withdrawalKey, withdrawalLink } from "../../../src/pledge/withdrawal-key.ts";
import { journeyEnd, journeyStart } from "../../../src/pledge-form/page-shell.ts";
import { createWithdrawHandler, pledgerActor } from "../../../src/pledge-http/withdraw-handler.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import { StorageUnavailableError } from "../../../src/storage/pledge-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { readOutbox } from "../support/outbox.ts";

const site = "https://charter.example";
const secret = "withdrawal-test-secret";
const shell = `<!doctype html><html lang="en-GB"><head><title>Withdraw your pledge – Stevenage Charter</title></head><body><main>${journeyStart}${journeyEnd}</main></body></html>`;

let database: PgliteStore;
let outbox: string;
let storageDown = false;
let writesDown = false;

const handler = () =>
  createWithdrawHandler({
    storage: async () => {
      if (storageDown) throw new StorageUnavailableError("connection refused");
      return {
        show: (idOrReference: string) => database.show(idOrReference),
        setStatus: async (change: Parameters<PgliteStore["setStatus"]>[0]) => {
          if (writesDown) throw new StorageUnavailableError("connection reset");
          return database.setStatus(change);
        },
      };
    },
    secret: async () => secret,
    notices: async () =>
      createPledgeNotices({
        mailer: new OutboxMailer(outbox),
        siteUrl: site,
        secret,
        councilInbox: "council@example.com",
        log: () => {},
      }),
    loadShell: async () => shell,
    allowedOrigins: [],
    log: () => {},
  });

async function storedPledge(status: "pending" | "approved" | "rejected" = "pending") {
  const row = pledgeRow({ name: "Bedwell Community Café" });
  const outcome = await database.submit(row);
  if (outcome.outcome !== "created") throw new Error("setup: the pledge was not created");
  const record = await database.show(outcome.reference);
  if (!record) throw new Error("setup: the pledge was not found");
  if (status !== "pending") await database.setStatus({ id: record.id, status, actor: "Setup", reason: "setup" });
  return { reference: outcome.reference, id: record.id, email: row.contact_email };
}

const statusOf = async (id: string) => (await database.show(id))?.status;
const open = (link: string) => handler()(new Request(link));
const press = (reference: string, key: string, headers: Record<string, string> = {}) =>
  handler()(
    new Request(`${site}/api/withdraw`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: site, ...headers },
      body: new URLSearchParams({ ref: reference, key }).toString(),
    }),
  );

beforeAll(async () => {
  database = await openPgliteStore();
  outbox = await mkdtemp(join(tmpdir(), "withdraw-outbox-"));
}, 60_000);
afterAll(async () => {
  await database?.db.close();
  await rm(outbox, { recursive: true, force: true });
});

describe("the withdrawal link in a pledger's e-mail", () => {
  it("shows a page with a button when opened, and changes nothing (mail scanners open links)", async () => {
    const { reference, id } = await storedPledge("approved");
    const response = await open(withdrawalLink(site, secret, reference));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    expect(page).toContain("Are you sure you want to withdraw your pledge?");
    expect(page).toContain(`Pledge ${reference} for Bedwell Community Café`);
    expect(page).toMatch(/<form method="post" action="\/api\/withdraw"/);
    expect(page).toContain("<title>Are you sure you want to withdraw your pledge? – Stevenage Charter</title>");
    expect(await statusOf(id)).toBe("approved");
  });

  it("withdraws an approved pledge when the button is pressed, records who did it, and confirms by e-mail", async () => {
    const { reference, id, email } = await storedPledge("approved");
    const response = await press(reference, withdrawalKey(secret, reference));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your pledge has been withdrawn");
    const record = await database.show(id);
    expect(record?.status).toBe("withdrawn");
    expect(record?.history.at(-1)).toMatchObject({
      from_status: "approved",
      to_status: "withdrawn",
      changed_by: pledgerActor,
    });
    const sent = (await readOutbox(outbox)).filter((mail) => mail.reference === `withdrawn ${reference}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(email);
  });

  it("withdraws a pledge the council has not checked yet", async () => {
    const { reference, id } = await storedPledge("pending");
    expect((await press(reference, withdrawalKey(secret, reference))).status).toBe(200);
    expect(await statusOf(id)).toBe("withdrawn");
  });

  it("says a pledge is already withdrawn when the button is pressed twice, and records one change", async () => {
    const { reference, id } = await storedPledge("approved");
    await press(reference, withdrawalKey(secret, reference));
    const again = await press(reference, withdrawalKey(secret, reference));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("This pledge has already been withdrawn");
    expect((await database.show(id))?.history.filter((change) => change.to_status === "withdrawn")).toHaveLength(1);
  });

  it("tells the pledger a rejected pledge is not shown, and leaves it rejected", async () => {
    const { reference, id } = await storedPledge("rejected");
    const response = await press(reference, withdrawalKey(secret, reference));
    expect(await response.text()).toContain("This pledge was not approved");
    expect(await statusOf(id)).toBe("rejected");
  });

  it.each([
    ["a key made with another secret", (reference: string) => withdrawalKey("another-secret", reference)],
    ["another pledge's key", () => withdrawalKey(secret, "SC-00000000")],
    ["no key", () => ""],
  ])("refuses %s with 404 and withdraws nothing", async (_case, keyFor) => {
    const { reference, id } = await storedPledge("approved");
    const response = await press(reference, keyFor(reference));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("This link does not work");
    expect(await statusOf(id)).toBe("approved");
  });

  it("answers a link to a pledge that does not exist as it answers a forged one", async () => {
    const response = await open(withdrawalLink(site, secret, "SC-ZZZZZZZZ"));
    expect(response.status).toBe(404);
  });

  it("refuses a press from another website with 403 and withdraws nothing", async () => {
    const { reference, id } = await storedPledge("approved");
    const response = await press(reference, withdrawalKey(secret, reference), { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await statusOf(id)).toBe("approved");
  });

  it("refuses other content types with 415, other methods with 405, and large bodies with 413", async () => {
    const json = await handler()(
      new Request(`${site}/api/withdraw`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: site },
        body: "{}",
      }),
    );
    expect(json.status).toBe(415);
    const put = await handler()(new Request(`${site}/api/withdraw`, { method: "PUT" }));
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
    const large = await handler()(
      new Request(`${site}/api/withdraw`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: site },
        body: `ref=${"A".repeat(5000)}`,
      }),
    );
    expect(large.status).toBe(413);
  });

  it("refuses a body over 2 KB after reading little more than 2 KB of it, whatever Content-Length says", async () => {
    let pulled = 0;
    // A body that never ends: reading it whole would never answer.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new TextEncoder().encode(`ref=${"A".repeat(1020)}`));
      },
    });
    const response = await handler()(
      new Request(`${site}/api/withdraw`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: site, "Content-Length": "10" },
        body: endless,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(16 * 1024);
  });

  it("answers 503 when the database cannot be reached, and the same link works once it is back", async () => {
    const { reference, id } = await storedPledge("approved");
    storageDown = true;
    try {
      const response = await open(withdrawalLink(site, secret, reference));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(await response.text()).toContain("could not find your pledge just now");
    } finally {
      storageDown = false;
    }
    expect(await statusOf(id)).toBe("approved");
    expect((await open(withdrawalLink(site, secret, reference))).status).toBe(200);
  });

  it("keeps the button on a 503 when the withdrawal itself fails, so pressing again withdraws", async () => {
    const { reference, id } = await storedPledge("approved");
    writesDown = true;
    try {
      const response = await press(reference, withdrawalKey(secret, reference));
      expect(response.status).toBe(503);
      const page = await response.text();
      expect(page).toContain("could not withdraw your pledge just now");
      expect(page).toContain(
        "<title>Error: Are you sure you want to withdraw your pledge? – Stevenage Charter</title>",
      );
      expect(page).toContain('<button type="submit" class="govuk-button govuk-button--warning"');
    } finally {
      writesDown = false;
    }
    expect(await statusOf(id)).toBe("approved");
    expect((await press(reference, withdrawalKey(secret, reference))).status).toBe(200);
    expect(await statusOf(id)).toBe("withdrawn");
  });
});
