/**
 * The check-in function's real handler, called with real Request objects, on a real (embedded)
 * database, with e-mails written to an outbox: the link in a check-in e-mail opens the form and
 * opening it stores nothing; a check-in is stored waiting for an officer; every wrong answer is
 * said on its field; a link we never sent, or a pledge that is not approved, is answered so; and
 * the daily sending claims each occasion once, with nothing the pledger typed in its e-mail.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OutboxMailer } from "../../../src/notify/outbox-mailer.ts";
import { createPledgeNotices } from "../../../src/notify/pledge-notices.ts";
import { tellOfStoredPledge } from "../../../src/pledge/after-storing.ts";
import { checkInFieldIds } from "../../../src/pledge/check-in-answers.ts";
import { checkInLink } from "../../../src/pledge/check-in-key.ts";
import { createCheckInService, sendDueCheckIns } from "../../../src/pledge/check-in-service.ts";
import { manageLink } from "../../../src/pledge/manage-key.ts";
import { withdrawalKey } from "../../../src/pledge/withdrawal-key.ts";
import { journeyEnd, journeyStart } from "../../../src/pledge-form/page-shell.ts";
import { createCheckInHandler } from "../../../src/pledge-http/check-in-handler.ts";
import type { CheckInAnswer, Commitment } from "../../../src/storage/commitment-store.ts";
import { type EmbeddedDatabaseServer, serveEmbeddedDatabase } from "../../../src/storage/embedded-database-server.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { type OutboxEmail, readOutbox } from "../support/outbox.ts";

const site = "https://charter.example";
const secret = "check-in-test-secret";
const shell = `<!doctype html><html lang="en-GB"><head><title>Check in on your pledge – Stevenage Charter</title></head><body><main>${journeyStart}${journeyEnd}</main></body></html>`;

let database: PgliteStore;
let outbox: string;
let notices: ReturnType<typeof createPledgeNotices>;

/** The check-ins sent for a pledge, oldest first, each with its review and its answers in the form's order. */
async function checkInsOf(reference: string) {
  const { rows } = await database.db.query<{ review: string; answers: CheckInAnswer[] }>(
    `select k.review, (
       select json_agg(json_build_object('commitment_id', a.commitment_id, 'status', a.status,
         'evidence_url', a.evidence_url, 'note', a.note)
         order by c.action_id is null, array_position(p.actions, c.action_id))
       from public.check_in_answers as a join public.commitments as c on c.id = a.commitment_id
       where a.check_in_id = k.id) as answers
     from public.check_ins as k join public.pledges as p on p.id = k.pledge_id
     where p.reference = $1 order by k.submitted_at`,
    [reference],
  );
  return rows;
}

const handler = () => {
  const service = createCheckInService({
    store: async () => database,
    secret,
  });
  return createCheckInHandler({
    service: async () => service,
    loadShell: async () => shell,
    allowedOrigins: [],
    log: () => {},
  });
};

const get = (url: string, method: "GET" | "HEAD" = "GET") => handler()(new Request(url, { method }));

const post = (fields: Record<string, string>, { origin = site } = {}) =>
  handler()(
    new Request(`${site}/api/check-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams(fields).toString(),
    }),
  );

const mailsOfKind = async (kind: string, reference: string) =>
  (await readOutbox(outbox)).filter((mail) => mail.reference === `${kind} ${reference}`);

function checkInLinkIn(mail: OutboxEmail | undefined): string {
  const link = mail?.body.match(/https:\/\/charter\.example\/api\/check-in\?\S+/)?.[0];
  if (!link) throw new Error("no check-in link in the e-mail");
  return link;
}

async function row(reference: string) {
  const { rows } = await database.db.query<Record<string, unknown>>(
    "select * from public.pledges where reference = $1",
    [reference],
  );
  return rows[0];
}

const ownWords = "We will pay every member of staff the real Living Wage.";

/** A pledge from the form, confirmed by its author, and approved when asked: as the services leave it. */
async function pledge(status: "pending" | "approved", overrides: Record<string, unknown> = {}) {
  const stored = pledgeRow({
    status: "unconfirmed",
    actions: ["buying-locally", "work-placements"],
    commitment: ownWords,
    ...overrides,
  });
  const outcome = await database.submit(stored);
  if (outcome.outcome !== "created") throw new Error(`setup: not created (${outcome.outcome})`);
  const { reference } = outcome;
  await tellOfStoredPledge(stored, reference, database, notices);
  await database.confirmByLink(reference);
  const record = await database.show(reference);
  if (!record) throw new Error("setup: not stored");
  if (status === "approved") {
    await database.setStatus({ id: record.id, status: "approved", actor: "officer@stevenage.gov.uk" });
  }
  const link = checkInLink(site, secret, reference);
  const key = new URL(link).searchParams.get("key") ?? "";
  const found = await database.checkIns.commitmentsFor(reference);
  return { stored, reference, link, key, id: record.id, commitments: found?.commitments ?? [] };
}

/** The form's answers: every commitment as given, or "started" with nothing more. */
function answersFor(
  commitments: Commitment[],
  given: Record<number, { status?: string; evidence?: string; note?: string }> = {},
) {
  const fields: Record<string, string> = {};
  commitments.forEach((commitment, index) => {
    const ids = checkInFieldIds(commitment.id);
    const answer = given[index] ?? {};
    if (answer.status !== "") fields[ids.status] = answer.status ?? "started";
    fields[ids.evidence] = answer.evidence ?? "";
    fields[ids.note] = answer.note ?? "";
  });
  return fields;
}

beforeAll(async () => {
  database = await openPgliteStore();
  outbox = await mkdtemp(join(tmpdir(), "check-in-outbox-"));
  notices = createPledgeNotices({
    mailer: new OutboxMailer(outbox),
    siteUrl: site,
    secret,
    councilInbox: "council@example.com",
    log: () => {},
  });
});

afterAll(async () => {
  await database.db.close();
  await rm(outbox, { recursive: true, force: true });
});

describe("the link in a check-in e-mail", () => {
  it("opens the form: one question per commitment, named by its action or as the pledger's own words", async () => {
    const { reference, link, stored, commitments } = await pledge("approved");
    await notices.checkInDue({ reference, contact_email: stored.contact_email, occasion: "6-months" });
    const [mail] = await mailsOfKind("check-in-due", reference);
    expect(checkInLinkIn(mail)).toBe(link);
    const response = await get(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    expect(page).toContain(`<title>Check in on your pledge ${reference}`);
    expect(page).toContain(stored.name);
    for (const legend of [
      "Purchasing goods or services from others in the local area",
      "Offering work placements to people who need extra support",
      "Your own commitment",
    ]) {
      expect(page).toContain(`<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${legend}</legend>`);
    }
    expect(page).toContain(`You wrote: “${ownWords}”`);
    expect(commitments).toHaveLength(3);
    for (const commitment of commitments) {
      const ids = checkInFieldIds(commitment.id);
      expect(page).toMatch(new RegExp(`id="${ids.status}" name="${ids.status}" type="radio" value="planned" checked`));
      expect(page).toContain(`id="${ids.evidence}" name="${ids.evidence}"`);
      expect(page).toContain(`id="${ids.note}" name="${ids.note}"`);
    }
    expect(page).toContain('<form method="post" action="/api/check-in"');
  });

  it("stores nothing when opened, however often, by GET or HEAD, and sends no e-mail", async () => {
    const { reference, link } = await pledge("approved");
    const before = await row(reference);
    const mails = (await readOutbox(outbox)).length;
    for (const method of ["GET", "GET", "GET", "HEAD"] as const) {
      const response = await get(link, method);
      expect(response.status).toBe(200);
      if (method === "HEAD") expect(await response.text()).toBe("");
    }
    expect(await checkInsOf(reference)).toEqual([]);
    expect(await row(reference)).toEqual(before);
    expect((await readOutbox(outbox)).length).toBe(mails);
  });

  it("refuses a key that is not this pledge's check-in key with the same page as no pledge at all", async () => {
    const { reference } = await pledge("approved");
    const other = await pledge("approved");
    const manageKey = new URL(manageLink(site, secret, reference)).searchParams.get("key");
    const wrong = [
      `${site}/api/check-in?ref=${reference}&key=${other.key}`,
      `${site}/api/check-in?ref=${reference}&key=${manageKey}`,
      `${site}/api/check-in?ref=${reference}&key=${withdrawalKey(secret, reference)}`,
      `${site}/api/check-in?ref=SC-ZZZZZZZZ&key=${other.key}`,
      `${site}/api/check-in?ref=${reference}`,
      `${site}/api/check-in`,
    ];
    const bodies = new Set<string>();
    for (const url of wrong) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).not.toContain(reference);
    expect([...bodies][0]).toContain("This link does not work");
  });

  it("says a pledge that is not approved cannot be checked in on, and stores nothing sent for it", async () => {
    const { reference, key } = await pledge("pending");
    const opened = await get(checkInLink(site, secret, reference));
    expect(opened.status).toBe(409);
    const page = await opened.text();
    expect(page).toContain("You cannot check in on this pledge");
    expect(page).toContain(`/api/manage?ref=${reference}&amp;key=`);
    const sent = await post({ ref: reference, key, ...answersFor([]) });
    expect(sent.status).toBe(409);
    expect(await checkInsOf(reference)).toEqual([]);
  });
});

describe("sending a check-in", () => {
  it("stores every answer, cleaned, to wait for an officer, and says an officer checks it before it shows", async () => {
    const { reference, key, commitments } = await pledge("approved");
    const response = await post({
      ref: reference,
      key,
      ...answersFor(commitments, {
        0: {
          status: "done",
          evidence: " www.fairlands.example/news/local-seeds ",
          note: "  All our seeds\u200B now come from Stevenage.  ",
        },
        1: { status: "dropped" },
      }),
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Thank you for checking in");
    expect(page).toContain("The council will check them");
    expect(page).toContain(`/api/manage?ref=${reference}&amp;key=`);
    expect(await checkInsOf(reference)).toEqual([
      {
        review: "waiting",
        answers: [
          {
            commitment_id: commitments[0]?.id,
            status: "done",
            evidence_url: "https://www.fairlands.example/news/local-seeds",
            note: "All our seeds now come from Stevenage.",
          },
          { commitment_id: commitments[1]?.id, status: "dropped", evidence_url: null, note: null },
          { commitment_id: commitments[2]?.id, status: "started", evidence_url: null, note: null },
        ],
      },
    ]);
  });

  it("answers every wrong answer with 422, each on its own field, keeps what was typed, and stores nothing", async () => {
    const { reference, key, commitments } = await pledge("approved");
    const [first, second, third] = commitments.map((commitment) => checkInFieldIds(commitment.id));
    const response = await post({
      ref: reference,
      key,
      ...answersFor(commitments, {
        0: { status: "finished", evidence: "see our newsletter" },
        1: { evidence: `www.example.org/${"a".repeat(190)}`, note: "n".repeat(281) },
        2: { status: "" },
      }),
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("<title>Error: Check in on your pledge");
    const linked = [...page.matchAll(/<li><a href="#([^"]+)">/g)].map((match) => match[1]);
    expect(linked).toEqual([first?.status, first?.evidence, second?.evidence, second?.note, third?.status]);
    expect(page).toContain(
      "Enter the link to evidence about ‘Purchasing goods or services from others in the local area’ as a web address",
    );
    expect(page).toContain(
      "The link to evidence about ‘Offering work placements to people who need extra support’ must be 200 characters or fewer",
    );
    expect(page).toContain(
      "The note about ‘Offering work placements to people who need extra support’ must be 280 characters or fewer",
    );
    expect(page).toContain("Select where ‘Your own commitment’ stands now");
    expect(page).toContain('value="see our newsletter"');
    expect(page).toContain(`You wrote: “${ownWords}”`);
    expect(page).toContain(`>${"n".repeat(281)}</textarea>`);
    expect(await checkInsOf(reference)).toEqual([]);
  });

  it("answers a check-in with a key that is not the link's with the page for a link we never sent", async () => {
    const { reference, commitments } = await pledge("approved");
    const response = await post({ ref: reference, key: withdrawalKey(secret, reference), ...answersFor(commitments) });
    expect(response.status).toBe(404);
    expect(await checkInsOf(reference)).toEqual([]);
  });

  it("replaces a check-in still waiting with a newer one, so an officer never reviews a stale one", async () => {
    const { reference, key, commitments } = await pledge("approved");
    await post({ ref: reference, key, ...answersFor(commitments, { 0: { status: "started" } }) });
    await post({ ref: reference, key, ...answersFor(commitments, { 0: { status: "done" } }) });
    const stored = await checkInsOf(reference);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.review).toBe("waiting");
    expect(stored[0]?.answers[0]?.status).toBe("done");
  });

  it("asks the pledger to try again in a moment when the database cannot be reached, having stored nothing", async () => {
    const { link } = await pledge("approved");
    const unreachable = createCheckInHandler({
      service: async () =>
        createCheckInService({
          store: async () => {
            throw new Error("connect ECONNREFUSED");
          },
          secret,
        }),
      loadShell: async () => shell,
      allowedOrigins: [],
      log: () => {},
    });
    const response = await unreachable(new Request(link));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.text()).toContain("Nothing has been saved");
  });

  it("refuses a check-in sent from another site", async () => {
    const { reference, key, commitments } = await pledge("approved");
    const response = await post(
      { ref: reference, key, ...answersFor(commitments) },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect(await checkInsOf(reference)).toEqual([]);
  });
});

/** As the pledge would stand had an officer approved it this long ago. */
const approvedAgo = (reference: string, months: number) =>
  database.db.query(`update public.pledges set decided_at = now() - make_interval(months => $2) where reference = $1`, [
    reference,
    months,
  ]);

const occasionsClaimed = async (reference: string) =>
  (
    await database.db.query<{ occasion: string; sent: boolean }>(
      `select s.occasion, s.sent from public.check_in_sends as s join public.pledges as p on p.id = s.pledge_id
       where p.reference = $1 order by s.occasion`,
      [reference],
    )
  ).rows;

describe("the daily sending", () => {
  it("sends a check-in once it is due, once for each occasion, with nothing the pledger typed", async () => {
    const lure = {
      name: "URGENT: verify your council tax refund at https://evil.example",
      commitment: "Call 0800 000 000 to claim your refund",
    };
    const { reference, stored } = await pledge("approved", lure);
    const notYet = await pledge("approved");
    await approvedAgo(reference, 7);
    await approvedAgo(notYet.reference, 5);
    expect(await sendDueCheckIns(database.checkIns, notices)).toEqual({ sent: 1, failed: 0 });
    expect(await sendDueCheckIns(database.checkIns, notices)).toEqual({ sent: 0, failed: 0 });
    expect(await occasionsClaimed(reference)).toEqual([{ occasion: "6-months", sent: true }]);
    expect(await occasionsClaimed(notYet.reference)).toEqual([]);
    const mails = await mailsOfKind("check-in-due", reference);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe(stored.contact_email);
    for (const typed of [lure.name, lure.commitment, stored.contact_name, "URGENT", "refund", "0800", "evil.example"]) {
      expect(`${mails[0]?.subject}\n${mails[0]?.body}`).not.toContain(typed);
    }
    expect(checkInLinkIn(mails[0])).toBe(checkInLink(site, secret, reference));
    expect(mails[0]?.body).toContain(manageLink(site, secret, reference));

    // Six months on, the next occasion is due: sent once too.
    await approvedAgo(reference, 13);
    expect(await sendDueCheckIns(database.checkIns, notices)).toEqual({ sent: 1, failed: 0 });
    expect(await sendDueCheckIns(database.checkIns, notices)).toEqual({ sent: 0, failed: 0 });
    expect(await mailsOfKind("check-in-due", reference)).toHaveLength(2);
  });

  it("sends only the latest occasion to a pledge that missed several, and none to a pledge no longer approved", async () => {
    const { reference } = await pledge("approved");
    const withdrawn = await pledge("approved");
    await approvedAgo(reference, 25);
    await approvedAgo(withdrawn.reference, 25);
    await database.setStatus({ id: withdrawn.id, status: "withdrawn", actor: "officer@stevenage.gov.uk" });
    expect(await sendDueCheckIns(database.checkIns, notices)).toEqual({ sent: 1, failed: 0 });
    expect(await occasionsClaimed(reference)).toEqual([
      { occasion: "12-months", sent: false },
      { occasion: "24-months", sent: true },
      { occasion: "6-months", sent: false },
    ]);
    expect(await mailsOfKind("check-in-due", withdrawn.reference)).toEqual([]);
  });

  it("counts an e-mail that could not be sent as failed, and does not send that occasion again", async () => {
    const { reference } = await pledge("approved");
    await approvedAgo(reference, 7);
    const failing = { checkInDue: async () => false };
    expect(await sendDueCheckIns(database.checkIns, failing)).toEqual({ sent: 0, failed: 1 });
    expect(await sendDueCheckIns(database.checkIns, notices)).toEqual({ sent: 0, failed: 0 });
  });
});

describe("send-check-ins, as Netlify runs it every day", () => {
  let scratch: string;
  let served: EmbeddedDatabaseServer;
  let store: PostgresStore;
  const saved = { ...process.env };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "send-check-ins-"));
    served = await serveEmbeddedDatabase(join(scratch, "pglite"));
    store = new PostgresStore(served.url);
    Object.assign(process.env, {
      DATABASE_URL: served.url,
      PLEDGE_TOKEN_SECRET: secret,
      SITE_URL: site,
      PLEDGE_QUEUE_DIR: join(scratch, "queue"),
      OUTBOX_DIR: join(scratch, "outbox"),
      SUPABASE_URL: "",
    });
    delete process.env.NETLIFY_BLOBS_CONTEXT;
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await store?.close();
    await served?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  /** SQL as the database owner, as Supabase Studio runs it, not as the functions' role. */
  async function asOwner(sql: string, params: unknown[]) {
    const client = new pg.Client({ connectionString: served.url });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("set local role postgres");
      await client.query(sql, params);
      await client.query("commit");
    } finally {
      await client.end();
    }
  }

  it("e-mails the pledger of a pledge approved 6 months ago the link to check in, once, and logs what it sent", async () => {
    const row = pledgeRow({ status: "unconfirmed" });
    const outcome = await store.submit(row);
    if (outcome.outcome !== "created") throw new Error("setup: not created");
    await store.confirmByLink(outcome.reference);
    // Approved as in Supabase Studio's table editor, then dated as if that were six months ago.
    await asOwner("update public.pledges set status = 'approved' where reference = $1", [outcome.reference]);
    await asOwner("update public.pledges set decided_at = now() - interval '6 months 1 day' where reference = $1", [
      outcome.reference,
    ]);
    const logged: string[] = [];
    const info = vi.spyOn(console, "info").mockImplementation((line: string) => logged.push(line));
    try {
      const { default: sendCheckIns, config } = await import("../../../netlify/functions/send-check-ins.ts");
      expect(config.schedule).toBe("@daily");
      expect(await (await sendCheckIns()).json()).toEqual({ sent: 1, failed: 0 });
      expect(await (await sendCheckIns()).json()).toEqual({ sent: 0, failed: 0 });
    } finally {
      info.mockRestore();
    }
    expect(logged).toContain(JSON.stringify({ event: "send-check-ins", sent: 1, failed: 0 }));
    expect(logged.join("\n")).not.toContain(row.contact_email);
    const mails = (await readOutbox(join(scratch, "outbox"))).filter((mail) =>
      mail.reference.startsWith("check-in-due"),
    );
    expect(mails.map((mail) => [mail.to, mail.reference])).toEqual([
      [row.contact_email, `check-in-due ${outcome.reference}`],
    ]);
    expect(checkInLinkIn(mails[0])).toBe(checkInLink(site, secret, outcome.reference));
  }, 60_000);
});
