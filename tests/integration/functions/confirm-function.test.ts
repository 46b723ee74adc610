/**
 * The confirm function's real handler, called with real Request objects, on a real (embedded)
 * database, with e-mails written to an outbox: opening the e-mailed link confirms nothing, its
 * button or the code confirms once and only then tells the council, wrong guesses say nothing
 * about which references exist, and the daily run reminds once and then deletes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import retention from "../../../content/retention.json" with { type: "json" };
import { OutboxMailer } from "../../../src/notify/outbox-mailer.ts";
import { createPledgeNotices } from "../../../src/notify/pledge-notices.ts";
import { tellOfStoredPledge } from "../../../src/pledge/after-storing.ts";
import { confirmationKey, confirmationLink } from "../../../src/pledge/confirmation-key.ts";
import { createConfirmationService } from "../../../src/pledge/confirmation-service.ts";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";
import { remindAndDeleteUnconfirmed } from "../../../src/pledge/unconfirmed-pledges.ts";
import { withdrawalLink } from "../../../src/pledge/withdrawal-key.ts";
import { journeyEnd, journeyStart } from "../../../src/pledge-form/page-shell.ts";
import { createConfirmHandler } from "../../../src/pledge-http/confirm-handler.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { type OutboxEmail, readOutbox } from "../support/outbox.ts";

const site = "https://charter.example";
const secret = "confirm-test-secret";
const councilInbox = "council@example.com";
const clock = Date.parse("2026-12-01T10:00:00Z");
const shell = `<!doctype html><html lang="en-GB"><head><title>Confirm your pledge – Stevenage Charter</title></head><body><main>${journeyStart}${journeyEnd}</main></body></html>`;
const codeAlphabet = "234679ACDEFGHJKMNPQRTWXYZ";
const codeLine = new RegExp(`^([${codeAlphabet}]{6})$`, "m");
/** In the format of a reference, but no pledge's: a chance of 1 in 32^8 that one is made with it. */
const unknownReference = "SC-ZZZZZZZZ";

// What a sender typed, made to look like a lure: none of it may reach an address not yet confirmed.
const typed = {
  name: "Mallory Refund Desk",
  commitment: "URGENT: verify your council tax refund now",
  website: "https://lure.example/refund",
  contact_name: "Mallory Lure",
};

let database: PgliteStore;
let outbox: string;
let notices: ReturnType<typeof createPledgeNotices>;

function handlerWith(guessesPerMinute = 1000) {
  const service = createConfirmationService({
    store: async () => database,
    notices,
    secret,
    guessLimiter: new RateLimiter([{ limit: guessesPerMinute, windowSeconds: 60 }]),
    resendLimiter: new RateLimiter([{ limit: 1000, windowSeconds: 3600 }]),
    now: () => clock,
  });
  return createConfirmHandler({
    service: async () => service,
    loadShell: async () => shell,
    allowedOrigins: [],
    log: () => {},
  });
}

let handler: ReturnType<typeof handlerWith>;

const get = (url: string, method: "GET" | "HEAD" = "GET") => handler(new Request(url, { method }));

const post = (
  fields: Record<string, string>,
  {
    headers = {},
    ip = "192.0.2.10",
    using = handler,
  }: { headers?: Record<string, string>; ip?: string; using?: typeof handler } = {},
) =>
  using(
    new Request(`${site}/api/confirm`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: site, ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
    { ip },
  );

const mailsWithReference = async (reference: string) =>
  (await readOutbox(outbox)).filter((mail) => mail.reference.split(" ").at(-1) === reference);
const mailsOfKind = async (kind: string, reference: string) =>
  (await readOutbox(outbox)).filter((mail) => mail.reference === `${kind} ${reference}`);

function linkIn(mail: OutboxEmail | undefined): string {
  const link = mail?.body.match(/https:\/\/charter\.example\/api\/confirm\?\S+/)?.[0];
  if (!link) throw new Error("no confirmation link in the e-mail");
  return link;
}

function codeIn(mail: OutboxEmail | undefined): string {
  const code = mail?.body.match(codeLine)?.[1];
  if (!code) throw new Error("no code in the e-mail");
  return code;
}

/** A pledge from the public form, stored and e-mailed its code and link as the pledge service does. */
async function waitingPledge() {
  const row = pledgeRow({ ...typed, status: "unconfirmed" });
  const outcome = await database.submit(row);
  if (outcome.outcome !== "created") throw new Error(`setup: not created (${outcome.outcome})`);
  const { reference } = outcome;
  if (!(await tellOfStoredPledge(row, reference, database, notices))) throw new Error("setup: no code e-mailed");
  const [mail] = await mailsOfKind("confirm-first", reference);
  const link = linkIn(mail);
  return {
    row,
    reference,
    email: row.contact_email,
    link,
    key: new URL(link).searchParams.get("key") ?? "",
    code: codeIn(mail),
  };
}

const statusOf = async (reference: string) => (await database.show(reference))?.status;
const triesLeft = async (reference: string) =>
  (
    await database.db.query<{ tries_left: number }>(
      "select c.tries_left from public.pledge_confirmations as c join public.pledges as p on p.id = c.pledge_id where p.reference = $1",
      [reference],
    )
  ).rows[0]?.tries_left;
const toldTheCouncil = async (reference: string) => (await mailsOfKind("council-new-pledge", reference)).length;

/** A code of the right shape that is not this one. */
const wrongCode = (code: string) =>
  `${codeAlphabet[(codeAlphabet.indexOf(code[0] ?? "") + 1) % codeAlphabet.length]}${code.slice(1)}`;
const typedLoosely = (code: string) => ` ${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()} `;
/** A page with the reference it names taken out, to compare the answers for two references. */
const withoutReference = (page: string, reference: string) => page.replaceAll(reference, "SC-REFERENCE");

beforeAll(async () => {
  database = await openPgliteStore();
  outbox = await mkdtemp(join(tmpdir(), "confirm-outbox-"));
  notices = createPledgeNotices({
    mailer: new OutboxMailer(outbox),
    siteUrl: site,
    secret,
    councilInbox,
    log: () => {},
  });
  handler = handlerWith();
}, 60_000);
afterAll(async () => {
  await database?.db.close();
  await rm(outbox, { recursive: true, force: true });
});

describe("the link in the e-mail", () => {
  it("is the site's signed confirmation link for the pledge", async () => {
    const { reference, link } = await waitingPledge();
    expect(link).toBe(confirmationLink(site, secret, reference));
  });

  it("opens a page with one button, not indexed, not cached, under the site's policy", async () => {
    const { reference, link, key } = await waitingPledge();
    const response = await get(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const page = await response.text();
    expect(page).toContain("<title>Confirm your pledge – Stevenage Charter</title>");
    expect(page).toContain(`Pledge ${reference}`);
    expect(page).toMatch(/<form method="post" action="\/api\/confirm"/);
    expect(page).toContain('<input type="hidden" name="intent" value="link">');
    expect(page).toContain(`<input type="hidden" name="key" value="${key}">`);
    expect(page.match(/<button /g)).toHaveLength(1);
  });

  it("confirms nothing and tells nobody when opened three times and fetched with HEAD, as mail scanners do", async () => {
    const { reference, link } = await waitingPledge();
    for (let opening = 1; opening <= 3; opening += 1) expect((await get(link)).status).toBe(200);
    const head = await get(link, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(await statusOf(reference)).toBe("unconfirmed");
    expect(await toldTheCouncil(reference)).toBe(0);
    expect((await mailsWithReference(reference)).map((mail) => mail.reference)).toEqual([`confirm-first ${reference}`]);
  });

  it.each([
    ["a key changed by one character", (key: string) => `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`],
    ["a key signed with another secret", (_key: string, reference: string) => confirmationKey("another", reference)],
    [
      "a withdrawal link's key",
      (_key: string, reference: string) =>
        new URL(withdrawalLink(site, secret, reference)).searchParams.get("key") ?? "",
    ],
    ["no key", () => ""],
  ])("answers %s with 404 and the form for the code, and confirms nothing", async (_case, keyFor) => {
    const { reference, link, key } = await waitingPledge();
    const forged = new URL(link);
    forged.searchParams.set("key", keyFor(key, reference));
    const response = await get(forged.toString());
    expect(response.status).toBe(404);
    expect(response.headers.get("x-robots-tag")).toBe("noindex");
    const page = await response.text();
    expect(page).toContain("This link does not work");
    expect(page).toContain('name="code"');
    expect(page).not.toContain('value="link"');
    const pressed = await post({ intent: "link", ref: reference, key: keyFor(key, reference) });
    expect(pressed.status).toBe(404);
    expect(await statusOf(reference)).toBe("unconfirmed");
  });
});

describe("the button on the link's page", () => {
  it("confirms the pledge, and only then the council is told and the pledger gets a receipt", async () => {
    const { reference, email, key } = await waitingPledge();
    expect(await toldTheCouncil(reference)).toBe(0);
    const response = await post({ intent: "link", ref: reference, key });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your pledge is confirmed");
    expect(await statusOf(reference)).toBe("pending");
    expect((await database.show(reference))?.history).toEqual([
      expect.objectContaining({
        from_status: "unconfirmed",
        to_status: "pending",
        changed_by: "pledger (link in the e-mail)",
      }),
    ]);
    const council = await mailsOfKind("council-new-pledge", reference);
    expect(council.map((mail) => mail.to)).toEqual([councilInbox]);
    expect(council[0]?.body).toContain(typed.name);
    const receipts = await mailsOfKind("receipt", reference);
    expect(receipts.map((mail) => mail.to)).toEqual([email]);
    expect(receipts[0]?.body).toContain(withdrawalLink(site, secret, reference));
  });

  it("says the pledge is already confirmed when pressed again, and tells nobody twice", async () => {
    const { reference, key } = await waitingPledge();
    await post({ intent: "link", ref: reference, key });
    const again = await post({ intent: "link", ref: reference, key });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("This pledge is already confirmed");
    expect(await toldTheCouncil(reference)).toBe(1);
    expect(await mailsOfKind("receipt", reference)).toHaveLength(1);
    expect((await database.show(reference))?.history).toHaveLength(1);
  });

  it("refuses a press from another website with 403 and confirms nothing", async () => {
    const { reference, key } = await waitingPledge();
    const foreign = await post(
      { intent: "link", ref: reference, key },
      { headers: { Origin: "https://evil.example" } },
    );
    expect(foreign.status).toBe(403);
    const withoutOrigin = new Request(`${site}/api/confirm`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ intent: "link", ref: reference, key }).toString(),
    });
    expect((await handler(withoutOrigin, { ip: "192.0.2.10" })).status).toBe(403);
    expect(await statusOf(reference)).toBe("unconfirmed");
    expect(await toldTheCouncil(reference)).toBe(0);
  });

  it.each([
    ["application/json", (fields: Record<string, string>) => JSON.stringify(fields)],
    ["text/plain", (fields: Record<string, string>) => new URLSearchParams(fields).toString()],
    ["multipart/form-data; boundary=x", (fields: Record<string, string>) => new URLSearchParams(fields).toString()],
  ])("refuses a body sent as %s with 415 and confirms nothing", async (contentType, bodyOf) => {
    const { reference, key } = await waitingPledge();
    const response = await handler(
      new Request(`${site}/api/confirm`, {
        method: "POST",
        headers: { "Content-Type": contentType, Origin: site },
        body: bodyOf({ intent: "link", ref: reference, key }),
      }),
      { ip: "192.0.2.10" },
    );
    expect(response.status).toBe(415);
    expect(await statusOf(reference)).toBe("unconfirmed");
  });
});

describe("the code typed on /pledge/confirm/", () => {
  it("confirms with the right code typed in lower case with spaces", async () => {
    const { reference, code } = await waitingPledge();
    const response = await post({ intent: "code", ref: ` ${reference.toLowerCase()} `, code: typedLoosely(code) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your pledge is confirmed");
    expect(await statusOf(reference)).toBe("pending");
    expect((await database.show(reference))?.history.at(-1)?.changed_by).toBe("pledger (code from the e-mail)");
    expect(await toldTheCouncil(reference)).toBe(1);
  });

  it("refuses a wrong code with 422 and an error summary linking to the code, using one of its tries", async () => {
    const { reference, code } = await waitingPledge();
    const response = await post({ intent: "code", ref: reference, code: wrongCode(code) });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('<a href="#code">The reference or the code is not right');
    expect(page).not.toContain('href="#ref"');
    expect(page).toMatch(/<title>Error: Confirm your pledge/);
    expect(await triesLeft(reference)).toBe(4);
    expect(await statusOf(reference)).toBe("unconfirmed");
    expect(await toldTheCouncil(reference)).toBe(0);
  });

  it("answers a wrong code in the same words whether or not the reference exists", async () => {
    const { reference, code } = await waitingPledge();
    const known = await post({ intent: "code", ref: reference, code: wrongCode(code) });
    const unknown = await post({ intent: "code", ref: unknownReference, code: wrongCode(code) });
    expect(unknown.status).toBe(known.status);
    expect(withoutReference(await unknown.text(), unknownReference)).toBe(
      withoutReference(await known.text(), reference),
    );
  });

  it("refuses a reference not in the format of one with 422 linking to the reference, and tries no code", async () => {
    const { reference, code } = await waitingPledge();
    const response = await post({ intent: "code", ref: reference.slice(0, -1), code });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('<a href="#ref">Enter your reference number');
    expect(page).not.toContain('href="#code"');
    expect(await triesLeft(reference)).toBe(5);
  });

  it("refuses a code not in the format of one with 422 linking to the code, and uses no try", async () => {
    const { reference } = await waitingPledge();
    const response = await post({ intent: "code", ref: reference, code: "12" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('<a href="#code">Enter the 6-character code');
    expect(await triesLeft(reference)).toBe(5);
  });

  it("asks a network that guesses too often to wait, with 429 and Retry-After, before the guess reaches the database", async () => {
    const limited = handlerWith(3);
    const { reference, code } = await waitingPledge();
    for (let guess = 1; guess <= 3; guess += 1)
      expect(
        (await post({ intent: "code", ref: reference, code: wrongCode(code) }, { using: limited, ip: "198.51.100.7" }))
          .status,
      ).toBe(422);
    const blocked = await post({ intent: "code", ref: reference, code }, { using: limited, ip: "198.51.100.7" });
    expect(blocked.status).toBe(429);
    // Three guesses at one instant fill a window of a minute for a whole minute.
    expect(blocked.headers.get("retry-after")).toBe("60");
    expect(await blocked.text()).toContain("There have been too many tries from your network");
    expect(await statusOf(reference)).toBe("unconfirmed");
    expect(await triesLeft(reference)).toBe(2);
    const elsewhere = await post({ intent: "code", ref: reference, code }, { using: limited, ip: "203.0.113.9" });
    expect(elsewhere.status).toBe(200);
  });
});

describe("asking for a new code", () => {
  it("answers alike for a pledge waiting and for a reference nobody has, and e-mails only the one waiting", async () => {
    const { reference, email, code: first } = await waitingPledge();
    const waitingAnswer = await post({ intent: "resend", ref: reference });
    const unknownAnswer = await post({ intent: "resend", ref: unknownReference });
    expect(waitingAnswer.status).toBe(200);
    expect(unknownAnswer.status).toBe(200);
    const page = await waitingAnswer.text();
    expect(page).toContain("Check your email");
    expect(withoutReference(await unknownAnswer.text(), unknownReference)).toBe(withoutReference(page, reference));
    expect(await mailsWithReference(unknownReference)).toEqual([]);
    const sent = await mailsOfKind("confirm-first", reference);
    expect(sent.map((mail) => mail.to)).toEqual([email, email]);
    expect(await statusOf(reference)).toBe("unconfirmed");

    const second = codeIn(sent[1]);
    if (second !== first) expect((await post({ intent: "code", ref: reference, code: first })).status).toBe(422);
    expect((await post({ intent: "code", ref: reference, code: second })).status).toBe(200);
  });

  it("says the same, and sends nothing, once the pledge has had its codes for the day", async () => {
    const { reference } = await waitingPledge();
    for (let request = 1; request <= 2; request += 1) await post({ intent: "resend", ref: reference });
    const beyond = await post({ intent: "resend", ref: reference });
    expect(beyond.status).toBe(200);
    expect(await beyond.text()).toContain("Check your email");
    expect(await mailsOfKind("confirm-first", reference)).toHaveLength(3);
  });

  it("e-mails the address, not yet confirmed, nothing the sender typed", async () => {
    const { reference, email } = await waitingPledge();
    await post({ intent: "resend", ref: reference });
    const toTheAddress = (await readOutbox(outbox)).filter((mail) => mail.to === email);
    expect(toTheAddress.map((mail) => mail.reference)).toEqual([
      `confirm-first ${reference}`,
      `confirm-first ${reference}`,
    ]);
    for (const mail of toTheAddress) {
      expect(mail.body).toContain(reference);
      for (const value of Object.values(typed)) {
        expect(mail.subject).not.toContain(value);
        expect(mail.body).not.toContain(value);
      }
    }
  });
});

describe("the daily run for pledges never confirmed", () => {
  const ageBy = (reference: string, days: number) =>
    database.db.query(
      "update public.pledges set created_at = created_at - make_interval(days => $2) where reference = $1",
      [reference, days],
    );

  it("reminds once with a new code, and deletes the pledge after the delete period", async () => {
    const forgotten = await waitingPledge();
    const late = await waitingPledge();
    const remindAfter = retention.unconfirmedReminderDays + 1;
    for (const { reference } of [forgotten, late]) await ageBy(reference, remindAfter);

    expect(await remindAndDeleteUnconfirmed(database, notices, retention)).toEqual({ reminded: 2, deleted: 0 });
    const reminders = await mailsOfKind("confirm-reminder", forgotten.reference);
    expect(reminders.map((mail) => mail.to)).toEqual([forgotten.email]);
    expect(reminders[0]?.subject).toMatch(/^Reminder/);
    expect(linkIn(reminders[0])).toBe(forgotten.link);
    for (const value of Object.values(typed)) expect(reminders[0]?.body).not.toContain(value);

    // The one who was late confirms with the reminder's code; the first code no longer works.
    const [lateReminder] = await mailsOfKind("confirm-reminder", late.reference);
    const reminderCode = codeIn(lateReminder);
    if (reminderCode !== late.code)
      expect((await post({ intent: "code", ref: late.reference, code: late.code })).status).toBe(422);
    expect((await post({ intent: "code", ref: late.reference, code: reminderCode })).status).toBe(200);

    expect(await remindAndDeleteUnconfirmed(database, notices, retention)).toEqual({ reminded: 0, deleted: 0 });
    expect(await mailsOfKind("confirm-reminder", forgotten.reference)).toHaveLength(1);

    const deleteAfter = retention.unconfirmedDeleteDays + 1 - remindAfter;
    for (const { reference } of [forgotten, late]) await ageBy(reference, deleteAfter);
    expect(await remindAndDeleteUnconfirmed(database, notices, retention)).toEqual({ reminded: 0, deleted: 1 });
    expect(await database.show(forgotten.reference)).toBeUndefined();
    expect(await statusOf(late.reference)).toBe("pending");
    expect((await post({ intent: "code", ref: forgotten.reference, code: codeIn(reminders[0]) })).status).toBe(422);
  });
});
