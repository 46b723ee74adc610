/**
 * The pledge function's real handler, called with real Request objects, on a real (embedded)
 * database: every status code the journey can answer with, for JSON and for plain form posts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboxMailer } from "../../../src/notify/outbox-mailer.ts";
import { createPledgeNotices, type PledgeNotices } from "../../../src/notify/pledge-notices.ts";
import type { ConfirmationIssuer } from "../../../src/pledge/after-storing.ts";
import { createPledgeService } from "../../../src/pledge/pledge-service.ts";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";
import { journeyEnd, journeyStart } from "../../../src/pledge-form/page-shell.ts";
import { createPledgeHandler } from "../../../src/pledge-http/pledge-handler.ts";
import { FolderQueue } from "../../../src/storage/folder-queue.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import type { PledgeQueue } from "../../../src/storage/pledge-queue.ts";
import { type PledgeStore, StorageUnavailableError } from "../../../src/storage/pledge-store.ts";
import { formBody, validValues } from "../../fixtures/pledge-values.ts";
import { readOutbox } from "../support/outbox.ts";

const site = "https://charter.example";
const shell = `<!doctype html><html lang="en-GB"><head><title>Make a pledge – Stevenage Charter</title></head><body><main>${journeyStart}<form></form>${journeyEnd}</main></body></html>`;

let database: PgliteStore;
let clock = Date.parse("2026-11-25T10:00:00Z");
let storeDown = false;
let logs: Record<string, unknown>[] = [];
const shellsAsked: string[] = [];

const downStore: PledgeStore & ConfirmationIssuer = {
  submit: async () => {
    throw new StorageUnavailableError("connection refused");
  },
  issueConfirmationCode: async () => {
    throw new StorageUnavailableError("connection refused");
  },
};

function handlerWith(limits = { checks: 1000, submits: 1000 }, queue?: PledgeQueue, notices?: PledgeNotices) {
  return createPledgeHandler({
    handle: createPledgeService({
      store: async () => (storeDown ? downStore : database),
      ...(queue ? { queue: async () => queue } : {}),
      ...(notices ? { notices } : {}),
      secret: "test-secret",
      charterVersion: "2020-01",
      checkLimiter: new RateLimiter([{ limit: limits.checks, windowSeconds: 60 }]),
      submitLimiter: new RateLimiter([{ limit: limits.submits, windowSeconds: 60 }]),
      now: () => clock,
    }),
    loadShell: async (_url, path) => {
      shellsAsked.push(path);
      return shell;
    },
    allowedOrigins: [],
    log: (entry) => logs.push(entry),
  });
}

let handler = handlerWith();

const jsonRequest = (body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${site}/api/pledge`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: site, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const formRequest = (body: string, headers: Record<string, string> = {}) =>
  new Request(`${site}/api/pledge`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: site, ...headers },
    body,
  });

const call = (request: Request) => handler(request, { ip: "192.0.2.10" });

async function checkedToken(values = validValues()) {
  const response = await call(jsonRequest({ ...values, intent: "check" }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function storedCount() {
  return (await database.db.query<{ n: number }>("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1;
}

beforeAll(async () => {
  database = await openPgliteStore();
}, 60_000);
afterAll(() => database?.db.close());
beforeEach(() => {
  handler = handlerWith();
  storeDown = false;
  logs = [];
});

const later = (seconds: number) => {
  clock += seconds * 1000;
};

describe("POST /api/pledge with JSON", () => {
  it("answers valid answers with 200, the checked pledge and a token", async () => {
    const response = await call(jsonRequest({ ...validValues(), intent: "check" }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; token: string; pledge: { website: string } };
    expect(body.status).toBe("check");
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(body.pledge.website).toBe("https://www.fairlands-bakery.example");
  });

  it("stores a confirmed pledge and answers 201 with where to go next", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    const before = await storedCount();
    const response = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(response.status).toBe(201);
    const [stored] = (
      await database.db.query<{ reference: string }>("select reference from public.pledges where name = $1", [
        values.name,
      ])
    ).rows;
    expect(await response.json()).toEqual({
      status: "received",
      reference: stored?.reference,
      redirect: `/api/pledge?reference=${stored?.reference}`,
    });
    expect(await storedCount()).toBe(before + 1);
  });

  it("stores a pledge sent twice with the same token once", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    const before = await storedCount();
    const first = await call(jsonRequest({ ...values, intent: "submit", token }));
    const second = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await storedCount()).toBe(before + 1);
  });

  it("answers a duplicate of a private pledge as a success would be answered, storing nothing", async () => {
    const values = validValues();
    const first = await checkedToken(values);
    later(5);
    expect((await call(jsonRequest({ ...values, intent: "submit", token: first }))).status).toBe(201);
    const before = await storedCount();
    const token = await checkedToken(values);
    later(5);
    const response = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(response.status).toBe(201);
    expect(await storedCount()).toBe(before);
    // Shaped as a stored pledge's answer, with a reference that refers to no pledge.
    const body = (await response.json()) as { reference: string; redirect: string };
    expect(body).toEqual({
      status: "received",
      reference: expect.stringMatching(/^SC-[0-9A-HJKMNP-TV-Z]{8}$/),
      redirect: `/api/pledge?reference=${body.reference}`,
    });
    const { rows } = await database.db.query("select 1 from public.pledges where reference = $1", [body.reference]);
    expect(rows).toEqual([]);
    // The same attempt sent again shows the same reference, as a stored pledge's replay does.
    const again = (await (await call(jsonRequest({ ...values, intent: "submit", token }))).json()) as {
      reference: string;
    };
    expect(again.reference).toBe(body.reference);
  });

  it("answers a duplicate of a pledge already on the public wall with 409", async () => {
    const values = validValues();
    const first = await checkedToken(values);
    later(5);
    await call(jsonRequest({ ...values, intent: "submit", token: first }));
    // Its author confirms it, and an officer approves it.
    await database.db.query("update public.pledges set status = 'pending' where name = $1", [values.name]);
    await database.db.query("update public.pledges set status = 'approved' where name = $1", [values.name]);
    const token = await checkedToken(values);
    later(5);
    const response = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toMatch(/already pledged/);
  });

  it("refuses invalid answers with 422, naming each field and the reason", async () => {
    const response = await call(
      jsonRequest({ ...validValues({ email: "not-an-email", listing: "" }), intent: "check" }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "invalid",
      message: "There is a problem",
      errors: [
        { field: "email", message: "Enter an email address in the correct format, like name@example.com" },
        { field: "listing", message: "Select whether and how your pledge can be shown on the public list" },
      ],
    });
  });

  it("refuses a submit sent faster than a person could read their answers", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    const response = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "token", problem: "too-fast" });
  });

  it("refuses a forged token", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
    const response = await call(jsonRequest({ ...values, intent: "submit", token: forged }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "token", problem: "forged" });
  });

  it("refuses a submit with no token", async () => {
    const response = await call(jsonRequest({ ...validValues(), intent: "submit" }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "token", problem: "missing" });
  });

  it("answers a filled honeypot as a success but stores nothing", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    const before = await storedCount();
    const response = await call(jsonRequest({ ...values, intent: "submit", token, nickname: "bot" }));
    expect(response.status).toBe(201);
    expect(await storedCount()).toBe(before);
    expect(await response.json()).toEqual({
      status: "received",
      reference: expect.stringMatching(/^SC-[0-9A-HJKMNP-TV-Z]{8}$/),
      redirect: expect.stringMatching(/^\/api\/pledge\?reference=SC-/),
    });
  });

  it("answers 503 with Retry-After when the database is down, storing nothing and keeping the token valid", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    const before = await storedCount();
    storeDown = true;
    const down = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("30");
    expect(await storedCount()).toBe(before);
    storeDown = false;
    const retry = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(retry.status).toBe(201);
    expect(await storedCount()).toBe(before + 1);
  });

  it("limits how often one address may send pledges, with 429 and Retry-After", async () => {
    handler = handlerWith({ checks: 1000, submits: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const values = validValues();
      const token = await checkedToken(values);
      later(5);
      const response = await call(jsonRequest({ ...values, intent: "submit", token }));
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  it.each(["PUT", "DELETE"])("refuses %s with 405 and an Allow header", async (method) => {
    const response = await call(new Request(`${site}/api/pledge`, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });

  it.each(["text/plain", "multipart/form-data; boundary=x", "application/xml", ""])(
    "refuses content type %j with 415",
    async (type) => {
      const response = await call(
        new Request(`${site}/api/pledge`, { method: "POST", headers: type ? { "Content-Type": type } : {}, body: "x" }),
      );
      expect(response.status).toBe(415);
    },
  );

  it("refuses a body over 16 KB with 413, whatever Content-Length says", async () => {
    const big = JSON.stringify({ ...validValues({ commitment: "x".repeat(20_000) }), intent: "check" });
    expect((await call(jsonRequest(big))).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const lying = new Request(`${site}/api/pledge`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": "10" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await call(lying)).status).toBe(413);
  });

  it("refuses a post from another site's page with 403", async () => {
    expect(
      (await call(jsonRequest({ ...validValues(), intent: "check" }, { Origin: "https://evil.example" }))).status,
    ).toBe(403);
    const crossSite = new Request(`${site}/api/pledge`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" },
      body: "{}",
    });
    expect((await call(crossSite)).status).toBe(403);
  });

  it.each(["{not json", "[1,2]", "null", '"text"'])("refuses the malformed body %j with 400", async (body) => {
    const response = await call(jsonRequest(body));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBeTruthy();
  });

  it("ignores keys that are not answers, including __proto__", async () => {
    const response = await call(
      jsonRequest(
        `{"__proto__":{"polluted":true},"constructor":{"x":1},${JSON.stringify({ ...validValues(), intent: "check" }).slice(1)}`,
      ),
    );
    expect(response.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never logs an e-mail address or a request body", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    await call(jsonRequest({ ...values, intent: "submit", token }));
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain(String(values.email));
    expect(logged).not.toContain(String(values.contactName));
  });
});

describe("POST /api/pledge from the plain HTML form", () => {
  it("shows the errors in a GOV.UK error summary, with 422 and everything typed kept", async () => {
    const values = validValues({ email: "sam at example.com", commitment: "<script>alert('x')</script> Keep me" });
    const response = await call(formRequest(formBody(values, { intent: "check" })));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    expect(page).toContain("<title>Error: Make a pledge – Stevenage Charter</title>");
    expect(page).toContain('class="govuk-error-summary"');
    expect(page).toContain('<a href="#email">Enter an email address in the correct format, like name@example.com</a>');
    expect(page).toContain('aria-describedby="email-hint email-error"');
    expect(page).toContain('value="sam at example.com"');
    expect(page).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Keep me");
    expect(page).not.toContain("<script>alert");
  });

  it("shows 'check your answers' with the answers carried in hidden fields", async () => {
    const values = validValues();
    const response = await call(formRequest(formBody(values, { intent: "check" })));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Check your answers before sending your pledge");
    expect(page).toContain(`<input type="hidden" name="email" value="${values.email}">`);
    expect(page).toMatch(/<input type="hidden" name="token" value="[\w-]+\.[\w-]+">/);
  });

  it("tells the form's script where the confirmation is with 201 and Location, rather than a redirect to follow", async () => {
    const values = validValues();
    const checkPage = await (await call(formRequest(formBody(values, { intent: "check" })))).text();
    const token = /name="token" value="([^"]+)"/.exec(checkPage)?.[1] ?? "";
    later(5);
    const response = await call(
      formRequest(formBody(values, { intent: "submit", token }), { "Sec-Fetch-Mode": "same-origin" }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toMatch(/^\/api\/pledge\?reference=SC-[0-9A-Z]{8}$/);
    const navigation = await call(
      formRequest(formBody(values, { intent: "submit", token }), { "Sec-Fetch-Mode": "navigate" }),
    );
    expect(navigation.status).toBe(303);
    expect(navigation.headers.get("location")).toBe(response.headers.get("location"));
  });

  it("redirects a confirmed pledge to the confirmation page with 303", async () => {
    const values = validValues();
    const checkPage = await (await call(formRequest(formBody(values, { intent: "check" })))).text();
    const token = /name="token" value="([^"]+)"/.exec(checkPage)?.[1] ?? "";
    later(5);
    const before = await storedCount();
    const response = await call(formRequest(formBody(values, { intent: "submit", token })));
    expect(response.status).toBe(303);
    const [stored] = (
      await database.db.query<{ reference: string }>("select reference from public.pledges where name = $1", [
        values.name,
      ])
    ).rows;
    expect(response.headers.get("location")).toBe(`/api/pledge?reference=${stored?.reference}`);
    expect(await storedCount()).toBe(before + 1);
  });

  it("asks a person who sends within seconds of the check page to send again, without calling it an error", async () => {
    const values = validValues();
    const checkPage = await (await call(formRequest(formBody(values, { intent: "check" })))).text();
    const token = /name="token" value="([^"]+)"/.exec(checkPage)?.[1] ?? "";
    later(1);
    const hurried = await call(formRequest(formBody(values, { intent: "submit", token })));
    const page = await hurried.text();
    expect(page).toContain("<title>Check your answers before sending your pledge – Stevenage Charter</title>");
    expect(page).not.toContain("govuk-error-summary");
    expect(page).not.toContain("There is a problem");
    expect(page).toContain('class="govuk-inset-text"');
    expect(page).toContain("your pledge has not been sent yet");
    // The same token, so pressing the button again once a moment has passed sends it.
    const again = /name="token" value="([^"]+)"/.exec(page)?.[1];
    expect(again).toBe(token);
    later(3);
    const before = await storedCount();
    expect((await call(formRequest(formBody(values, { intent: "submit", token: again ?? "" })))).status).toBe(303);
    expect(await storedCount()).toBe(before + 1);
  });

  it("takes the person back to the form with their answers when they choose to change one", async () => {
    const values = validValues();
    const response = await call(formRequest(formBody(values, { intent: "change" })));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`value="${values.name}"`);
    expect(page).toContain('value="buying-locally" checked');
  });

  it("explains a refusal on a page rather than in JSON", async () => {
    const response = await call(
      formRequest(formBody(validValues({ commitment: "x".repeat(20_000) }), { intent: "check" })),
    );
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("A pledge must be smaller than 16 KB");
  });

  it("keeps the answers on a 503 page when the database is down", async () => {
    const values = validValues();
    const checkPage = await (await call(formRequest(formBody(values, { intent: "check" })))).text();
    const token = /name="token" value="([^"]+)"/.exec(checkPage)?.[1] ?? "";
    later(5);
    storeDown = true;
    const response = await call(formRequest(formBody(values, { intent: "submit", token })));
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain("Nothing has been lost");
    expect(page).toContain(`<input type="hidden" name="email" value="${values.email}">`);
    expect(page).toContain(`name="token" value="${token}"`);
  });
});

describe("GET /api/pledge", () => {
  const get = (query = "") => call(new Request(`${site}/api/pledge${query}`));

  it("sends a reload or a bookmark of a form post to the pledge form with 303", async () => {
    const response = await get();
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/pledge/");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("shows the confirmation page with the reference the form's redirect carries, drawn in the confirmation page", async () => {
    const values = validValues();
    const checkPage = await (await call(formRequest(formBody(values, { intent: "check" })))).text();
    const token = /name="token" value="([^"]+)"/.exec(checkPage)?.[1] ?? "";
    later(5);
    const sent = await call(formRequest(formBody(values, { intent: "submit", token })));
    const response = await call(new Request(new URL(sent.headers.get("location") ?? "", site)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    const [stored] = (
      await database.db.query<{ reference: string }>("select reference from public.pledges where name = $1", [
        values.name,
      ])
    ).rows;
    expect(page).toContain("<title>Pledge received: now confirm it – Stevenage Charter</title>");
    expect(page).toContain(`<strong id="pledge-reference">${stored?.reference}</strong>`);
    expect(page).toContain("We have emailed the address you gave a link and a code");
    expect(page).toContain('href="/pledge/confirm/"');
    expect(shellsAsked.at(-1)).toBe("/pledge/confirmation/");
  });

  it("never claims a code was sent for a pledge kept in the queue", async () => {
    const response = await get("?queued");
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("your pledge is being kept safely");
    expect(page).not.toContain("We have emailed the address you gave a link and a code");
    expect(page).not.toContain('id="pledge-reference"');
  });

  it.each(["?reference=", "?reference=<b>SC-1</b>", "?reference=sc-abcdefgh", "?other=1"])(
    "sends %s, which names no confirmation, to the form and shows nothing of it",
    async (query) => {
      const response = await get(query);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/pledge/");
    },
  );
});

describe("POST /api/pledge while the database is unreachable, with the queue", () => {
  it("keeps a confirmed pledge in the queue and answers 202, or 303 to a plain form", async () => {
    const queue = new FolderQueue(join(tmpdir(), `pledge-queue-${crypto.randomUUID()}`));
    handler = handlerWith(undefined, queue);
    storeDown = true;
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    const json = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(json.status).toBe(202);
    expect(await json.json()).toEqual({ status: "queued", redirect: "/api/pledge?queued" });
    const other = validValues();
    const otherToken = await checkedToken(other);
    later(5);
    const form = await call(formRequest(formBody(other, { intent: "submit", token: otherToken })));
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/api/pledge?queued");
    const queued = await Promise.all((await queue.keys()).map((key) => queue.read(key)));
    expect(queued.map((pledge) => pledge?.contact_email).sort()).toEqual([values.email, other.email].sort());
  });

  it("queues the pledge when the database cannot even be opened", async () => {
    const queue = new FolderQueue(join(tmpdir(), `pledge-queue-${crypto.randomUUID()}`));
    handler = createPledgeHandler({
      handle: createPledgeService({
        store: () => Promise.reject(new Error("could not open the database")),
        queue: async () => queue,
        secret: "test-secret",
        charterVersion: "2020-01",
        checkLimiter: new RateLimiter([{ limit: 1000, windowSeconds: 60 }]),
        submitLimiter: new RateLimiter([{ limit: 1000, windowSeconds: 60 }]),
        now: () => clock,
      }),
      loadShell: async () => shell,
      allowedOrigins: [],
      log: () => {},
    });
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    expect((await call(jsonRequest({ ...values, intent: "submit", token }))).status).toBe(202);
    expect(await queue.keys()).toHaveLength(1);
  });

  it("answers 503 and keeps the answers when the queue cannot take the pledge either", async () => {
    const broken: PledgeQueue = {
      enqueue: async () => {
        throw new Error("disk full");
      },
      keys: async () => [],
      read: async () => undefined,
      remove: async () => {},
      setAside: async () => {},
      setAsidePledges: async () => [],
      removeSetAside: async () => {},
    };
    handler = handlerWith(undefined, broken);
    storeDown = true;
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    expect((await call(jsonRequest({ ...values, intent: "submit", token }))).status).toBe(503);
  });
});

describe("POST /api/pledge when the database refuses what the schema accepted", () => {
  // A rule the database has and the schema lacks, added for these tests only: the real database
  // refuses, and the person must be told, never "received".
  beforeAll(async () => {
    await database.db.exec(
      "alter table public.pledges add constraint pledges_commitment_check1 check (commitment not like '%forbidden%')",
    );
    await database.db.exec(
      "alter table public.pledges add constraint refusal_without_a_column_test check (name not like '%Nameless%')",
    );
  });
  afterAll(async () => {
    await database.db.exec("alter table public.pledges drop constraint pledges_commitment_check1");
    await database.db.exec("alter table public.pledges drop constraint refusal_without_a_column_test");
  });

  it("answers 422 naming the field, stores nothing and queues nothing", async () => {
    const queue = new FolderQueue(join(tmpdir(), `pledge-queue-${crypto.randomUUID()}`));
    handler = handlerWith(undefined, queue);
    const values = validValues({ commitment: "A forbidden word" });
    const token = await checkedToken(values);
    later(5);
    const before = await storedCount();
    const response = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "refused",
      message: "There is a problem",
      errors: [{ field: "commitment", message: expect.stringMatching(/^We could not save this answer/) }],
    });
    expect(await storedCount()).toBe(before);
    expect(await queue.keys()).toEqual([]);
  });

  it("shows the form again with an error summary to a plain form post", async () => {
    const values = validValues({ commitment: "A forbidden word" });
    const checkPage = await (await call(formRequest(formBody(values, { intent: "check" })))).text();
    const token = /name="token" value="([^"]+)"/.exec(checkPage)?.[1] ?? "";
    later(5);
    const response = await call(formRequest(formBody(values, { intent: "submit", token })));
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("govuk-error-summary");
    expect(page).toContain('href="#commitment"');
    expect(page).toContain("A forbidden word");
  });

  it("says what to do when the database names no field, and keeps the answers", async () => {
    const values = validValues({ name: "Nameless Co" });
    const token = await checkedToken(values);
    later(5);
    const response = await call(jsonRequest({ ...values, intent: "submit", token }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "refused",
      message: expect.stringMatching(/^We could not save your pledge as it was sent/),
    });
  });
});

describe("POST /api/pledge with answers typed as phones and other systems send them", () => {
  const storedRow = async (email: string) =>
    (
      await database.db.query<{ website: string | null; name: string; commitment: string | null }>(
        "select website, name, commitment from public.pledges where contact_email = $1",
        [email],
      )
    ).rows;

  it("stores a website whose scheme a phone capitalised, in lower case", async () => {
    for (const website of ["HTTPS://Example.org/Path", "Http://example.org"]) {
      const values = validValues({ website });
      const token = await checkedToken(values);
      later(5);
      expect((await call(jsonRequest({ ...values, intent: "submit", token }))).status).toBe(201);
      const [row] = await storedRow(String(values.email));
      expect(row?.website).toBe(website.replace(/^https?/i, (scheme) => scheme.toLowerCase()));
    }
  });

  it("stores text sent with a lone surrogate or a noncharacter, without them", async () => {
    const values = validValues();
    const token = await checkedToken(values);
    later(5);
    // Written by hand: JSON.stringify would escape the lone surrogate, which is what a client may send.
    const body = JSON.stringify({ ...values, intent: "submit", token })
      .replace(/"name":"([^"]*)"/, '"name":"$1 \\ud800\\uffff"')
      .replace(/"commitment":"([^"]*)"/, '"commitment":"$1\\udfff"');
    const response = await call(jsonRequest(body));
    expect(response.status).toBe(201);
    const [row] = await storedRow(String(values.email));
    expect(row?.name).toBe(values.name);
    expect(row?.commitment).toBe(values.commitment);
  });
});

describe("POST /api/pledge and the e-mails it causes", () => {
  let outbox: string;
  let notices: PledgeNotices;
  beforeAll(async () => {
    outbox = await mkdtemp(join(tmpdir(), "pledge-outbox-"));
    notices = createPledgeNotices({
      mailer: new OutboxMailer(outbox),
      siteUrl: site,
      secret: "test-secret",
      councilInbox: "council@example.com",
      log: () => {},
    });
  });
  beforeEach(() => {
    handler = handlerWith(undefined, undefined, notices);
  });
  afterAll(() => rm(outbox, { recursive: true, force: true }));

  // The pledger's e-mails carry nothing they typed, so they are found by address; the council's by name.
  const mailsAbout = async (values: ReturnType<typeof validValues>) =>
    (await readOutbox(outbox)).filter((mail) => mail.to === values.email || mail.body.includes(String(values.name)));

  async function send(values = validValues()) {
    const token = await checkedToken(values);
    later(5);
    const response = await call(jsonRequest({ ...values, intent: "submit", token }));
    return { response, token, values };
  }

  it("sends the pledger a code and a link to confirm it, once, however often it is sent, and the council nothing yet", async () => {
    const { response, token, values } = await send();
    expect(response.status).toBe(201);
    const [{ reference = "" } = {}] = (
      await database.db.query<{ reference: string }>("select reference from public.pledges where name = $1", [
        values.name,
      ])
    ).rows;
    await call(jsonRequest({ ...values, intent: "submit", token }));
    const mails = await mailsAbout(values);
    expect(mails.map((mail) => mail.reference)).toEqual([`confirm-first ${reference}`]);
    expect(mails[0]?.to).toBe(values.email);
    // Nothing the sender typed: the e-mail goes to an address nobody has confirmed yet.
    expect(mails[0]?.body).not.toContain(values.name);
    expect(mails[0]?.body).toMatch(/^[2-9A-Z]{6}$/m);
  });

  it("e-mails the address owner, not the sender's screen, when the same organisation and address pledge again", async () => {
    const { values } = await send();
    const { response } = await send(values);
    expect(response.status).toBe(201);
    const duplicates = (await mailsAbout(values)).filter((mail) => mail.reference === "duplicate -");
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.to).toBe(values.email);
  });

  it("sends nothing for answers that are only checked", async () => {
    const values = validValues();
    await checkedToken(values);
    expect(await mailsAbout(values)).toEqual([]);
  });
});
