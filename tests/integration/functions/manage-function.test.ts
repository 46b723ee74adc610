/**
 * The manage function's real handler, called with real Request objects, on a real (embedded)
 * database, with e-mails written to an outbox: the link in every e-mail opens the pledge whole and
 * opening it changes nothing; a change to an approved pledge waits while the wall keeps the
 * approved version; a new address is used only once its code comes back; the subject access copy
 * holds everything and only this pledge; and asking for the link again answers alike whether or
 * not the details match.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboxMailer } from "../../../src/notify/outbox-mailer.ts";
import { createPledgeNotices } from "../../../src/notify/pledge-notices.ts";
import { tellOfStoredPledge } from "../../../src/pledge/after-storing.ts";
import { isCheckInKey } from "../../../src/pledge/check-in-key.ts";
import { manageLink } from "../../../src/pledge/manage-key.ts";
import { createManageService } from "../../../src/pledge/manage-service.ts";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";
import { withdrawalKey } from "../../../src/pledge/withdrawal-key.ts";
import { journeyEnd, journeyStart } from "../../../src/pledge-form/page-shell.ts";
import { createManageHandler } from "../../../src/pledge-http/manage-handler.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { type OutboxEmail, readOutbox } from "../support/outbox.ts";

const site = "https://charter.example";
const secret = "manage-test-secret";
const shell = `<!doctype html><html lang="en-GB"><head><title>Manage your pledge – Stevenage Charter</title></head><body><main>${journeyStart}${journeyEnd}</main></body></html>`;
const codeLine = /^([234679ACDEFGHJKMNPQRTWXYZ]{6})$/m;

let database: PgliteStore;
let outbox: string;
let notices: ReturnType<typeof createPledgeNotices>;

function handlerWith({ linksPerHour = 1000 } = {}) {
  const service = createManageService({
    store: async () => database,
    notices,
    secret,
    codeLimiter: new RateLimiter([{ limit: 1000, windowSeconds: 60 }]),
    linkLimiter: new RateLimiter([{ limit: linksPerHour, windowSeconds: 3600 }]),
  });
  return createManageHandler({
    service: async () => service,
    loadShell: async () => shell,
    allowedOrigins: [],
    log: () => {},
  });
}

let handler: ReturnType<typeof handlerWith>;

const get = (url: string, method: "GET" | "HEAD" = "GET") => handler(new Request(url, { method }));

const post = (
  fields: Record<string, string | string[]>,
  { origin = site, ip = "192.0.2.20", using = handler }: { origin?: string; ip?: string; using?: typeof handler } = {},
) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return using(
    new Request(`${site}/api/manage`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: body.toString(),
    }),
    { ip },
  );
};

const mailsOfKind = async (kind: string, reference: string) =>
  (await readOutbox(outbox)).filter((mail) => mail.reference === `${kind} ${reference}`);

function manageLinkIn(mail: OutboxEmail | undefined): string {
  const link = mail?.body.match(/https:\/\/charter\.example\/api\/manage\?\S+/)?.[0];
  if (!link) throw new Error("no manage link in the e-mail");
  return link;
}

async function row(reference: string) {
  const { rows } = await database.db.query<Record<string, unknown>>(
    "select * from public.pledges where reference = $1",
    [reference],
  );
  return rows[0];
}

const wall = async () =>
  (await database.db.query<Record<string, unknown>>("select * from public.public_signatories order by id")).rows;

/** A pledge from the form, confirmed by its author, and approved when asked: as the services leave it. */
async function pledge(status: "unconfirmed" | "pending" | "approved", overrides: Record<string, unknown> = {}) {
  const stored = pledgeRow({ status: "unconfirmed", ...overrides });
  const outcome = await database.submit(stored);
  if (outcome.outcome !== "created") throw new Error(`setup: not created (${outcome.outcome})`);
  const { reference } = outcome;
  await tellOfStoredPledge(stored, reference, database, notices);
  if (status !== "unconfirmed") await database.confirmByLink(reference);
  const record = await database.show(reference);
  if (!record) throw new Error("setup: not stored");
  if (status === "approved") {
    await database.setStatus({ id: record.id, status: "approved", actor: "officer@stevenage.gov.uk" });
  }
  const link = manageLink(site, secret, reference);
  const key = new URL(link).searchParams.get("key") ?? "";
  return { stored, reference, link, key, id: record.id };
}

/** The change form's answers for a pledge, as the form sends them, with the given answers changed. */
function answers(stored: ReturnType<typeof pledgeRow>, changes: Record<string, string | string[]> = {}) {
  return {
    kind: stored.kind,
    name: stored.name,
    ward: stored.ward ?? "",
    website: stored.website ?? "",
    actions: stored.actions,
    commitment: stored.commitment ?? "",
    targetDay: "",
    targetMonth: "",
    targetYear: "",
    contactName: stored.contact_name,
    email: stored.contact_email,
    listing: stored.listing,
    ...changes,
  };
}

beforeAll(async () => {
  database = await openPgliteStore();
  outbox = await mkdtemp(join(tmpdir(), "manage-outbox-"));
  notices = createPledgeNotices({
    mailer: new OutboxMailer(outbox),
    siteUrl: site,
    secret,
    councilInbox: "council@example.com",
    log: () => {},
  });
  handler = handlerWith();
});

afterAll(async () => {
  await database.db.close();
  await rm(outbox, { recursive: true, force: true });
});

describe("the link in every e-mail", () => {
  it("is in the code, the receipt, the approval and the withdrawal e-mails, and opens the pledge whole", async () => {
    const { reference, stored, link, id } = await pledge("approved");
    await notices.received(stored, reference);
    await notices.approved({ ...stored, id, reference, status: "approved", decided_at: null } as never);
    await notices.withdrawn({ reference, contact_email: stored.contact_email } as never);
    for (const kind of ["confirm-first", "receipt", "approved", "withdrawn"]) {
      const [mail] = await mailsOfKind(kind, reference);
      expect(manageLinkIn(mail), kind).toBe(link);
    }
    const response = await get(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    for (const value of [reference, stored.name, stored.commitment, stored.contact_name, stored.contact_email]) {
      expect(page).toContain(value);
    }
    expect(page).toContain("<title>Your pledge");
    // An approved pledge is checked in on from its own page too, with the check-in link's own key.
    const checkIn = page.match(/href="(\/api\/check-in\?[^"]+)"/)?.[1]?.replaceAll("&amp;", "&") ?? "";
    expect(isCheckInKey(secret, reference, new URL(checkIn, site).searchParams.get("key"))).toBe(true);
  });

  it("changes nothing when opened, however often, by GET or HEAD, and sends no e-mail", async () => {
    const { reference, link } = await pledge("approved");
    const before = await row(reference);
    const mails = (await readOutbox(outbox)).length;
    for (const method of ["GET", "GET", "GET", "HEAD"] as const) {
      for (const url of [link, `${link}&view=change`, `${link}&download=json`, `${link}&download=html`]) {
        expect((await get(url, method)).status).toBe(200);
      }
    }
    expect(await row(reference)).toEqual(before);
    expect((await readOutbox(outbox)).length).toBe(mails);
  });

  it("refuses a key that is not this pledge's, or is another link's, with the same page as no pledge at all", async () => {
    const { reference, link } = await pledge("approved");
    const other = await pledge("approved");
    const wrong = [
      `${site}/api/manage?ref=${reference}&key=${other.key}`,
      `${site}/api/manage?ref=${reference}&key=${withdrawalKey(secret, reference)}`,
      `${site}/api/manage?ref=SC-ZZZZZZZZ&key=${other.key}`,
      `${site}/api/manage?ref=${reference}`,
      `${link}&download=json`.replace(/key=[^&]+/, `key=${other.key}`),
    ];
    const bodies = new Set<string>();
    for (const url of wrong) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).not.toContain(reference);
  });
});

describe("changing a pledge", () => {
  it("shows the change form filled with the pledge", async () => {
    const { link, stored } = await pledge("approved");
    const page = await (await get(`${link}&view=change`)).text();
    expect(page).toContain(`value="${stored.name}"`);
    expect(page).toContain(stored.commitment);
    expect(page).toContain('name="intent" value="change"');
  });

  it("keeps an approved pledge's approved version on the wall while its change waits, and shows the change", async () => {
    const { reference, stored, key, link } = await pledge("approved");
    const wallBefore = await wall();
    const rowBefore = await row(reference);
    const response = await post({
      intent: "change",
      ref: reference,
      key,
      ...answers(stored, { commitment: "We will also mentor two apprentices." }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your changes have been sent for checking");
    expect(await wall()).toEqual(wallBefore);
    expect(await row(reference)).toEqual(rowBefore);
    const page = await (await get(link)).text();
    expect(page).toContain("Your changes are waiting to be checked");
    expect(page).toContain("We will also mentor two apprentices.");
    expect(await mailsOfKind("council-change-waiting", reference)).toHaveLength(1);
  });

  it("changes a pledge not yet approved at once", async () => {
    const { reference, stored, key } = await pledge("pending");
    const response = await post({
      intent: "change",
      ref: reference,
      key,
      ...answers(stored, { actions: ["buying-locally", "work-placements"], contactName: "New Contact" }),
    });
    expect(response.status).toBe(200);
    const after = await row(reference);
    expect(after?.actions).toEqual(["buying-locally", "work-placements"]);
    expect(after?.contact_name).toBe("New Contact");
    expect(after?.status).toBe("pending");
  });

  it("shows every mistake in the form again, with what was typed, and stores nothing", async () => {
    const { reference, stored, key } = await pledge("approved");
    const before = await row(reference);
    const response = await post({
      intent: "change",
      ref: reference,
      key,
      ...answers(stored, { name: "", website: "not a site" }),
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("<title>Error:");
    expect(page).toContain('href="#name"');
    expect(page).toContain('href="#website"');
    expect(page).toContain('value="not a site"');
    expect(await row(reference)).toEqual(before);
  });

  it("answers the database's refusal of a duplicate name from the same address on the name", async () => {
    const email = `twin.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const first = await pledge("approved", { contact_email: email });
    const second = await pledge("pending", { contact_email: email });
    const before = await row(second.reference);
    const response = await post({
      intent: "change",
      ref: second.reference,
      key: second.key,
      ...answers(second.stored, { name: first.stored.name }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("You already have a pledge with this name from this email address.");
    expect(await row(second.reference)).toEqual(before);
  });

  it("refuses to change a pledge that is not confirmed, and offers to confirm it", async () => {
    const { reference, stored, key, link } = await pledge("unconfirmed");
    const page = await (await get(link)).text();
    expect(page).toContain("/api/confirm?ref=");
    const response = await post({ intent: "change", ref: reference, key, ...answers(stored, { name: "Changed" }) });
    expect(response.status).toBe(409);
    expect((await row(reference))?.name).toBe(stored.name);
  });

  it("refuses a post from another site", async () => {
    const { reference, stored, key } = await pledge("pending");
    const response = await post(
      { intent: "change", ref: reference, key, ...answers(stored, { name: "Cross Site" }) },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect((await row(reference))?.name).toBe(stored.name);
  });
});

describe("a new e-mail address", () => {
  it("is used only once the code sent to it comes back, and the old address is told without naming the new", async () => {
    const { reference, stored, key, link } = await pledge("approved", {
      name: "Mallory Refund Desk",
      commitment: "URGENT: verify your council tax refund now",
    });
    const newEmail = `new.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const response = await post({ intent: "change", ref: reference, key, ...answers(stored, { email: newEmail }) });
    expect(response.status).toBe(200);
    expect((await row(reference))?.contact_email).toBe(stored.contact_email);
    const [mail] = await mailsOfKind("address-code", reference);
    expect(mail?.to).toBe(newEmail);
    // Nobody has confirmed the new address: the e-mail carries nothing the sender typed.
    for (const typed of [stored.name, stored.commitment, stored.contact_name, "URGENT", "refund"]) {
      expect(`${mail?.subject}\n${mail?.body}`).not.toContain(typed);
    }
    const addressLink = mail?.body.match(/https:\/\/charter\.example\/api\/manage\?\S*address-code=\S+/)?.[0] ?? "";
    const code = mail?.body.match(codeLine)?.[1] ?? "";
    expect(addressLink).not.toBe("");
    // A scanner opening the link confirms nothing.
    for (const method of ["GET", "GET", "GET", "HEAD"] as const)
      expect((await get(addressLink, method)).status).toBe(200);
    expect((await row(reference))?.contact_email).toBe(stored.contact_email);
    expect(await (await get(link)).text()).toContain("Confirm your new email address");

    const wrong = await post({
      intent: "confirm-address",
      ref: reference,
      key,
      code: code === "AAAAAA" ? "CCCCCC" : "AAAAAA",
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('href="#address-code"');

    const confirmed = await post({ intent: "confirm-address", ref: reference, code });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Your new email address is confirmed");
    expect((await row(reference))?.contact_email).toBe(newEmail);
    const [told] = await mailsOfKind("address-changed", reference);
    expect(told?.to).toBe(stored.contact_email);
    expect(told?.body).not.toContain(newEmail);
    // The code is spent.
    expect((await post({ intent: "confirm-address", ref: reference, code })).status).toBe(422);
  });
});

describe("the subject access copy", () => {
  it("holds the pledge, its contact details and its history, as JSON and as a page, and nothing of another pledge", async () => {
    const { reference, stored, link } = await pledge("approved");
    const other = await pledge("approved");
    const json = await get(`${link}&download=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("content-disposition")).toBe(`attachment; filename="pledge-${reference}.json"`);
    const text = await json.text();
    const data = JSON.parse(text) as { pledge: Record<string, unknown>; status_history: unknown[] };
    expect(data.pledge.reference).toBe(reference);
    expect(data.pledge.contact_email).toBe(stored.contact_email);
    expect(data.pledge.contact_name).toBe(stored.contact_name);
    expect(data.status_history.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain(other.reference);
    expect(text).not.toContain(other.stored.contact_email);
    const page = await get(`${link}&download=html`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const htmlText = await page.text();
    expect(htmlText).toContain(stored.contact_email);
    expect(htmlText).toContain(`What we hold about pledge ${reference}`);
    expect(htmlText).not.toMatch(/<script|<link|style=/);
  });
});

describe("asking for the link again", () => {
  beforeEach(() => {
    handler = handlerWith();
  });

  it("sends the link to the pledge's own address when the details match, and answers the same when they do not", async () => {
    const { reference, stored, link } = await pledge("approved");
    const matched = await post({ intent: "send-link", ref: reference, email: stored.contact_email.toUpperCase() });
    const unmatched = await post({ intent: "send-link", ref: reference, email: "someone.else@example.com" });
    const unknown = await post({ intent: "send-link", ref: "SC-ZZZZZZZZ", email: stored.contact_email });
    expect([matched.status, unmatched.status, unknown.status]).toEqual([200, 200, 200]);
    const [matchedPage, unmatchedPage, unknownPage] = await Promise.all([
      matched.text(),
      unmatched.text(),
      unknown.text(),
    ]);
    expect(unmatchedPage).toBe(matchedPage);
    expect(unknownPage.replaceAll("SC-ZZZZZZZZ", reference)).toBe(matchedPage);
    const mails = await mailsOfKind("manage-link", reference);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe(stored.contact_email);
    expect(manageLinkIn(mails[0])).toBe(link);
  });

  it("says which answer to put right when one is not a reference or an address", async () => {
    const response = await post({ intent: "send-link", ref: "nonsense", email: "not an address" });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('href="#ref"');
    expect(page).toContain('href="#email"');
  });

  it("asks a network that asks too often to wait", async () => {
    handler = handlerWith({ linksPerHour: 2 });
    const fields = { intent: "send-link", ref: "SC-ZZZZZZZZ", email: "a@example.com" };
    expect((await post(fields)).status).toBe(200);
    expect((await post(fields)).status).toBe(200);
    const limited = await post(fields);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
