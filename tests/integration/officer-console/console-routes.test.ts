/**
 * The officers' console as Netlify runs it: the server function `npm run build` writes
 * (.netlify/v1/functions/ssr/ssr.mjs), loaded in this process with its settings in process.env
 * and called with real Requests, on the embedded database served over PostgreSQL's protocol as
 * `npm start` serves it and, when TEST_DATABASE_URL is set, on a real PostgreSQL. Who gets past
 * the door of every console route, signing in, cross-site posts and forged locals, decisions,
 * a pledger's change reviewed, a pledger's check-in reviewed and one recorded by an officer,
 * taking a pledge, the export, and that the static build holds nothing of the console.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type HTMLElement, parse } from "node-html-parser";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import words from "../../../content/officer-console.json" with { type: "json" };
import { sessionCookieName } from "../../../src/officer-console/session-cookie.ts";
import {
  changesWaitingPath,
  checkInsWaitingPath,
  consolePaths,
  isConsolePath,
  officerPledgePath,
  recordCheckInPath,
  setAsidePath,
} from "../../../src/officers/console-paths.ts";
import { openServerReader } from "../../../src/storage/choose-public-wall-reader.ts";
import type { Commitment } from "../../../src/storage/commitment-store.ts";
import { type EmbeddedDatabaseServer, serveEmbeddedDatabase } from "../../../src/storage/embedded-database-server.ts";
import { FolderQueue } from "../../../src/storage/folder-queue.ts";
import type { PledgeRecord } from "../../../src/storage/pledge-store.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { validValues } from "../../fixtures/pledge-values.ts";
import { filesUnder } from "../support/build-site.ts";
import { assertBuilt, distDir, htmlPages } from "../support/built-site.ts";
import { consoleStateSql } from "../support/console-state.ts";
import { openMigrated, pledgeRow, testDatabaseKinds } from "../support/databases.ts";
import { readOutbox } from "../support/outbox.ts";

const root = join(import.meta.dirname, "../../..");
const serverFunction = join(root, ".netlify/v1/functions/ssr/ssr.mjs");
const site = "https://charter.example";

type ConsoleHandler = (request: Request, context: { ip: string }) => Promise<Response>;
let handler: ConsoleHandler;

beforeAll(async () => {
  if (!existsSync(serverFunction)) {
    throw new Error(
      "The console's server function is missing (.netlify/v1/functions/ssr/ssr.mjs): run `npm run build` first (npm test does this for you)",
    );
  }
  handler = (await import(pathToFileURL(serverFunction).href)).default as ConsoleHandler;
}, 60_000);

/** A database the function reaches through DATABASE_URL, and SQL as its owner beside it. */
interface ConsoleDatabase {
  url: string;
  asOwner<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function servedEmbeddedDatabase(): Promise<ConsoleDatabase> {
  const scratch = await mkdtemp(join(tmpdir(), "console-db-"));
  const server: EmbeddedDatabaseServer = await serveEmbeddedDatabase(join(scratch, "pglite"));
  return {
    url: server.url,
    // The served session is service_role; the owner is asked for inside the transaction, as the
    // table editor of Supabase Studio runs as the owner.
    asOwner: async <T>(sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query("begin");
        await client.query("set local role postgres");
        const rows = (await client.query(sql, params)).rows as T[];
        await client.query("commit");
        return rows;
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await server.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

const engines: { name: string; open: () => Promise<ConsoleDatabase> }[] = [
  { name: "the embedded database served as npm start serves it", open: servedEmbeddedDatabase },
  ...testDatabaseKinds
    .filter((kind) => kind.name === "PostgreSQL")
    .map((kind) => ({
      name: "PostgreSQL",
      open: async (): Promise<ConsoleDatabase> => {
        const db = await openMigrated(kind.open);
        return { url: db.url ?? "", asOwner: (sql, params) => db.as("postgres", sql, params), close: () => db.close() };
      },
    })),
];

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();
const madeUpToken = () => randomBytes(32).toString("hex");

let networkCount = 0;
/** A network of its own for each caller, so no test spends another's per-network allowance. */
const newNetwork = () => {
  networkCount += 1;
  return `10.${Math.floor(networkCount / 250)}.${networkCount % 250}.7`;
};

interface Sent {
  method?: "GET" | "POST";
  token?: string | undefined;
  form?: Record<string, string> | URLSearchParams;
  headers?: Record<string, string>;
  network?: string;
}

/** A browser's request from the site's own pages: its Origin, and a form body when it posts one. */
function send(path: string, { method, token, form, headers = {}, network = newNetwork() }: Sent = {}) {
  const posting = (method ?? (form ? "POST" : "GET")) === "POST";
  const request = new Request(new URL(path, site), {
    method: posting ? "POST" : "GET",
    headers: {
      ...(token ? { cookie: `${sessionCookieName}=${token}` } : {}),
      ...(posting ? { origin: site, "content-type": "application/x-www-form-urlencoded" } : {}),
      ...headers,
    },
    ...(posting ? { body: new URLSearchParams(form ?? {}).toString() } : {}),
  });
  return handler(request, { ip: network });
}

const documentOf = async (response: Response) => parse(await response.text());

/** The console's headers: the strict policy, never stored, never indexed. */
function expectConsoleHeaders(response: Response) {
  expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
  expect(response.headers.get("content-security-policy")).not.toContain("unsafe-inline");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("x-robots-tag")).toMatch(/\bnoindex\b/);
}

/** A paper pledge as an officer types it in from the form, with the key its page was drawn with. */
function takenPledgeForm(overrides: Record<string, string> = {}) {
  const form = new URLSearchParams();
  const { privacy: _tickBox, ...answers } = validValues();
  for (const [name, value] of Object.entries(answers)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
  }
  const extra = {
    channel: "paper",
    formDay: "1",
    formMonth: "3",
    formYear: "2025",
    privacyStatement: "given-on-paper",
    idempotencyKey: crypto.randomUUID(),
    ...overrides,
  };
  for (const [name, value] of Object.entries(extra)) form.set(name, value);
  return form;
}

describe.each(engines)("the officers' console function on $name", ({ open }) => {
  let database: ConsoleDatabase;
  let store: PostgresStore;
  let scratch: string;
  const saved = { ...process.env };
  const outbox = () => readOutbox(join(scratch, "outbox"));

  beforeAll(async () => {
    database = await open();
    store = new PostgresStore(database.url);
    scratch = await mkdtemp(join(tmpdir(), "console-routes-"));
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      PLEDGE_TOKEN_SECRET: "console-routes-test-secret",
      OUTBOX_DIR: join(scratch, "outbox"),
      WALL_REBUILD_STATE_FILE: join(scratch, "rebuild-state.json"),
      PLEDGE_QUEUE_DIR: join(scratch, "queue"),
      SITE_URL: site,
      SUPABASE_URL: "",
      NOTIFY_API_KEY: "",
    });
    delete process.env.NETLIFY_BLOBS_CONTEXT;
    // The function wires the console from its settings once, as a deployed function does once per
    // instance; each database here stands for a deployment of its own, so it is wired afresh.
    delete (globalThis as { __officerConsole?: unknown }).__officerConsole;
  }, 60_000);

  afterAll(async () => {
    delete (globalThis as { __officerConsole?: unknown }).__officerConsole;
    // The function keeps its database pool for the process, as a warm instance does: end it
    // before the database goes.
    const opened = (globalThis as { __pledgeStores?: Map<string, Promise<{ close?: () => Promise<void> }>> })
      .__pledgeStores;
    const key = `postgres:${database?.url}`;
    await (await opened?.get(key))?.close?.();
    opened?.delete(key);
    process.env = saved;
    await store?.close();
    await database?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  /** Everything a console call could change or record, read as the owner, and the e-mails sent. */
  async function everything() {
    const [state] = await database.asOwner(consoleStateSql);
    return { ...state, emails: (await outbox()).length, setAside: (await queue().setAsidePledges()).length };
  }

  const queue = () => new FolderQueue(join(scratch, "queue"));

  /** A pledge the drain set aside, as it does when the database refuses a queued one. */
  async function setAsidePledge(overrides: Parameters<typeof pledgeRow>[0] = {}) {
    const row = pledgeRow({ name: `Set Aside ${crypto.randomUUID().slice(0, 8)}`, ...overrides });
    await queue().enqueue(row);
    await queue().setAside(row.idempotency_key, 'violates check constraint "pledges_website_check"');
    return row;
  }

  /** The latest set-aside pledge a route was called about, for its check of what it did. */
  let lastSetAside: Awaited<ReturnType<typeof setAsidePledge>> | undefined;
  const setAsideKey = () => lastSetAside?.idempotency_key ?? "";
  const stillSetAside = async () =>
    (await queue().setAsidePledges()).some((entry) => entry.pledge.idempotency_key === setAsideKey());

  async function pendingPledge(overrides: Parameters<typeof pledgeRow>[0] = {}): Promise<PledgeRecord> {
    const outcome = await store.submit(pledgeRow(overrides));
    const record = outcome.outcome === "created" ? await store.show(outcome.reference) : undefined;
    if (!record) throw new Error("the pledge was not stored");
    return record;
  }

  async function listedOfficer() {
    const email = `officer.${crypto.randomUUID().slice(0, 8)}@stevenage.gov.uk`;
    const name = `Officer ${email.slice(8, 12)}`;
    expect(await store.officers.addOfficer(email, name, "Test Setup")).toBe("added");
    return { email, name };
  }

  /** The code in the latest sign-in e-mail to this address. */
  async function codeSentTo(email: string): Promise<string> {
    const mail = (await outbox())
      .filter((sent) => sent.to === email && sent.reference === "officer sign-in code")
      .at(-1);
    const code = mail?.body.match(/^(\d{6})$/m)?.[1];
    if (!code) throw new Error(`no sign-in code was e-mailed to ${email}`);
    return code;
  }

  const sessionCookieOf = (response: Response) =>
    response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${sessionCookieName}=`));

  /** An officer signed in through the function's own sign-in pages. */
  async function signedInOfficer() {
    const officer = await listedOfficer();
    const network = newNetwork();
    await send(consolePaths.signIn, { form: { step: "email", email: officer.email }, network });
    const code = await codeSentTo(officer.email);
    const response = await send(consolePaths.signIn, { form: { step: "code", email: officer.email, code }, network });
    const token = sessionCookieOf(response)?.match(/^[^=]+=([0-9a-f]{64});/)?.[1];
    if (response.status !== 303 || !token) throw new Error(`signing in answered ${response.status}`);
    return { ...officer, token };
  }

  /** Each console route as an officer's browser calls it, and what it does for a live session. */
  const routes: {
    name: string;
    call: (token: string | undefined, pledge: PledgeRecord) => Promise<Response>;
    works: (response: Response, pledge: PledgeRecord, officer: { email: string; token: string }) => Promise<void>;
  }[] = [
    {
      name: "GET /officer/",
      call: (token) => send(consolePaths.overview, { token }),
      works: async (response, _pledge, officer) => {
        expect(response.status).toBe(200);
        const page = await documentOf(response);
        expect(page.querySelector("h1")?.text).toBe(words.overview.title);
        expect(page.text).toContain(officer.email);
      },
    },
    {
      name: "GET /officer/pledges/",
      call: (token) => send(consolePaths.pledges, { token }),
      works: async (response, pledge) => {
        expect(response.status).toBe(200);
        const links = (await documentOf(response)).querySelectorAll("a").map((link) => link.getAttribute("href"));
        expect(links).toContain(officerPledgePath(pledge.reference));
      },
    },
    {
      name: "GET /officer/pledges/<reference>/",
      call: (token, pledge) => send(officerPledgePath(pledge.reference), { token }),
      works: async (response, pledge) => {
        expect(response.status).toBe(200);
        expect(await response.text()).toContain(pledge.contact_email ?? "no e-mail");
      },
    },
    {
      name: "GET /officer/pledges/?view=check-ins",
      call: (token) => send(checkInsWaitingPath, { token }),
      works: async (response) => {
        expect(response.status).toBe(200);
        expect((await documentOf(response)).querySelector("h1")?.text).toBe(words.queue.checkInsTitle);
      },
    },
    {
      name: "GET /officer/pledges/<reference>/check-in/",
      call: (token, pledge) => send(recordCheckInPath(pledge.reference), { token }),
      works: async (response, pledge) => {
        expect(response.status).toBe(200);
        expect((await documentOf(response)).querySelector("h1")?.text).toBe(
          words.recordCheckIn.title.replace("{reference}", pledge.reference),
        );
      },
    },
    {
      name: "GET /officer/take/",
      call: (token) => send(consolePaths.take, { token }),
      works: async (response) => {
        expect(response.status).toBe(200);
        const key = (await documentOf(response)).querySelector('input[name="idempotencyKey"]')?.getAttribute("value");
        expect(key).toMatch(/^[0-9a-f-]{36}$/);
      },
    },
    {
      name: "POST /officer/pledges/<reference>/ (approve)",
      call: (token, pledge) => send(officerPledgePath(pledge.reference), { token, form: { action: "approve" } }),
      works: async (response, pledge) => {
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toBe(`${officerPledgePath(pledge.reference)}?done=approved`);
        expect((await store.show(pledge.id))?.status).toBe("approved");
      },
    },
    {
      name: "POST /officer/take/",
      call: (token, pledge) =>
        send(consolePaths.take, { token, form: takenPledgeForm({ name: `Taken for ${pledge.reference}` }) }),
      works: async (response, pledge) => {
        expect(response.status).toBe(200);
        const [taken] = await database.asOwner<{ channel: string }>(
          "select channel from public.pledges where name = $1",
          [`Taken for ${pledge.reference}`],
        );
        expect(taken?.channel).toBe("paper");
      },
    },
    {
      name: "POST /officer/export/",
      call: (token) => send(consolePaths.export, { token, form: { format: "csv" } }),
      works: async (response, pledge) => {
        expect(response.status).toBe(200);
        expect(await response.text()).toContain(pledge.contact_email ?? "no e-mail");
      },
    },
    {
      name: "GET /officer/set-aside/",
      call: async (token) => {
        lastSetAside = await setAsidePledge();
        return send(consolePaths.setAside, { token });
      },
      works: async (response) => {
        expect(response.status).toBe(200);
        const links = (await documentOf(response)).querySelectorAll("a").map((link) => link.getAttribute("href"));
        expect(links).toContain(setAsidePath(setAsideKey()));
      },
    },
    {
      name: "GET /officer/set-aside/<key>/",
      call: async (token) => {
        lastSetAside = await setAsidePledge();
        return send(setAsidePath(setAsideKey()), { token });
      },
      works: async (response) => {
        expect(response.status).toBe(200);
        const page = await documentOf(response);
        expect(page.querySelector('input[name="name"]')?.getAttribute("value")).toBe(lastSetAside?.name);
        expect(page.text).toContain("pledges_website_check");
      },
    },
    {
      name: "POST /officer/set-aside/<key>/ (store)",
      call: async (token) => {
        lastSetAside = await setAsidePledge({ website: "https://corrected.example" });
        const form = new URLSearchParams({ action: "store" });
        const { privacy: _tick, ...answers } = validValues({
          name: lastSetAside.name,
          email: lastSetAside.contact_email,
        });
        for (const [name, value] of Object.entries(answers))
          for (const item of [value].flat()) form.append(name, String(item));
        return send(setAsidePath(setAsideKey()), { token, form });
      },
      works: async (response, _pledge, officer) => {
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toMatch(/^\/officer\/set-aside\/\?done=SC-[0-9A-Z]{8}$/);
        const [stored] = await database.asOwner<{
          id: string;
          channel: string;
          idempotency_key: string;
          status: string;
        }>("select id, channel, idempotency_key::text, status from public.pledges where name = $1", [
          lastSetAside?.name,
        ]);
        // Stored as its author sent it, under their key, waiting for them to confirm it as any
        // pledge from the form does; the officer who stored it is in the activity.
        expect(stored).toMatchObject({ channel: "online", idempotency_key: setAsideKey(), status: "unconfirmed" });
        const [activity] = await database.asOwner<{ done_by: string }>(
          "select done_by from public.officer_activity where action = 'set-aside-stored' and pledge_id = $1",
          [stored?.id],
        );
        expect(activity?.done_by).toBe(officer.email);
        const reference = response.headers.get("location")?.split("=")[1];
        const asked = (await outbox()).filter((mail) => mail.reference === `confirm-first ${reference}`);
        expect(asked.map((mail) => mail.to)).toEqual([lastSetAside?.contact_email]);
        expect(await stillSetAside()).toBe(false);
      },
    },
    {
      name: "POST /officer/set-aside/<key>/ (discard)",
      call: async (token) => {
        lastSetAside = await setAsidePledge();
        return send(setAsidePath(setAsideKey()), { token, form: { action: "discard", confirm: "yes" } });
      },
      works: async (response, _pledge, officer) => {
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toBe(`${consolePaths.setAside}?done=discarded`);
        expect(await stillSetAside()).toBe(false);
        const [recorded] = await database.asOwner<{ detail: string }>(
          "select detail from public.officer_activity where action = 'set-aside-discarded' and done_by = $1",
          [officer.email],
        );
        expect(recorded?.detail).toBe(`queue key ${setAsideKey()}`);
      },
    },
    {
      name: "POST /officer/sign-out/",
      call: (token) => send(consolePaths.signOut, { token, form: {} }),
      works: async (response, _pledge, officer) => {
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toBe(`${consolePaths.signIn}?signed-out`);
        expect((await send(consolePaths.overview, { token: officer.token })).status).toBe(303);
      },
    },
  ];

  /** Sessions the door must not let through, each made as it would come about. */
  const endedSessions: { name: string; make: () => Promise<string | undefined> }[] = [
    { name: "no cookie", make: async () => undefined },
    { name: "a made-up token", make: async () => madeUpToken() },
    {
      name: "an expired session",
      make: async () => {
        const { token } = await signedInOfficer();
        await database.asOwner(
          "update public.officer_sessions set expires_at = now() - interval '1 minute' where token_hash = $1",
          [sha256(token)],
        );
        return token;
      },
    },
    {
      name: "a removed officer's session",
      make: async () => {
        const { email, token } = await signedInOfficer();
        expect(await store.officers.removeOfficer(email, "Test Setup")).toBe(true);
        return token;
      },
    },
    {
      name: "a signed-out session",
      make: async () => {
        const { token } = await signedInOfficer();
        expect((await send(consolePaths.signOut, { token, form: {} })).status).toBe(303);
        return token;
      },
    },
  ];

  describe.each(endedSessions)("with $name", ({ make }) => {
    let token: string | undefined;
    let pledge: PledgeRecord;
    beforeAll(async () => {
      token = await make();
      pledge = await pendingPledge();
    }, 30_000);

    it.each(routes)("$name is sent to sign in, changes nothing and carries the console's headers", async ({ call }) => {
      lastSetAside = undefined;
      const before = await everything();
      const response = await call(token, pledge);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${consolePaths.signIn}?ended`);
      // The browser is told to forget the cookie, so it stops sending a session that is over.
      expect(sessionCookieOf(response)).toMatch(/; (Max-Age=0|Expires=Thu, 01 Jan 1970 00:00:00 GMT)(;|$)/i);
      expectConsoleHeaders(response);
      // A set-aside pledge a route was called about is still there, whole.
      expect(await everything()).toEqual({ ...before, setAside: before.setAside + (lastSetAside ? 1 : 0) });
      lastSetAside = undefined;
      expect((await store.show(pledge.id))?.status).toBe("pending");
    });
  });

  describe("with a live session", () => {
    it.each(routes)("$name does its work and carries the console's headers", async ({ call, works }) => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      const response = await call(officer.token, pledge);
      expectConsoleHeaders(response);
      await works(response, pledge, officer);
    });
  });

  /** A table's body as text: each row's header and cells, each cell's lines. */
  const rowsOf = (table: HTMLElement | null | undefined) =>
    (table?.querySelectorAll("tbody tr") ?? []).map((row) =>
      row
        .querySelectorAll("th, td")
        .map((cell) => cell.childNodes.map((node) => node.text.trim()).filter((line) => line !== "")),
    );

  /** A six-digit code that is not this one. */
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  const unknownAddress = () => `nobody.${crypto.randomUUID().slice(0, 8)}@stevenage.gov.uk`;
  const errorSummaryOf = (document: HTMLElement) => document.querySelector(".govuk-error-summary")?.text ?? "";

  describe("signing in", () => {
    /** A page as bytes, with the address it repeats put out of the way. */
    const withoutAddress = async (response: Response, address: string) =>
      (await response.text()).replaceAll(address, "ADDRESS");

    it("answers a listed and an unknown address with the same page, and e-mails only the listed one", async () => {
      const officer = await listedOfficer();
      const stranger = unknownAddress();
      const emailsBefore = (await outbox()).length;
      const listed = await send(consolePaths.signIn, { form: { step: "email", email: officer.email } });
      const unknown = await send(consolePaths.signIn, { form: { step: "email", email: stranger } });
      expect([listed.status, unknown.status]).toEqual([200, 200]);
      expect([...listed.headers].filter(([name]) => name !== "date")).toEqual(
        [...unknown.headers].filter(([name]) => name !== "date"),
      );
      const listedPage = await withoutAddress(listed, officer.email);
      expect(listedPage).toContain("ADDRESS");
      expect(listedPage).toBe(await withoutAddress(unknown, stranger));
      const sent = (await outbox()).slice(emailsBefore);
      expect(sent.map((mail) => mail.to)).toEqual([officer.email]);
    });

    it("answers a wrong code for a listed and an unknown address with the same page", async () => {
      const officer = await listedOfficer();
      const network = newNetwork();
      await send(consolePaths.signIn, { form: { step: "email", email: officer.email }, network });
      const code = wrongCode(await codeSentTo(officer.email));
      const stranger = unknownAddress();
      const listed = await send(consolePaths.signIn, { form: { step: "code", email: officer.email, code }, network });
      const unknown = await send(consolePaths.signIn, { form: { step: "code", email: stranger, code }, network });
      expect([listed.status, unknown.status]).toEqual([422, 422]);
      expect(await withoutAddress(listed, officer.email)).toBe(await withoutAddress(unknown, stranger));
    });

    it("signs in with the code from the outbox: an HttpOnly, Secure, SameSite=Strict __Host- cookie for 8 hours", async () => {
      const officer = await listedOfficer();
      const network = newNetwork();
      await send(consolePaths.signIn, { form: { step: "email", email: officer.email }, network });
      const code = await codeSentTo(officer.email);
      const response = await send(consolePaths.signIn, { form: { step: "code", email: officer.email, code }, network });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(consolePaths.overview);
      const cookie = sessionCookieOf(response) ?? "";
      const [pair = "", ...attributes] = cookie.split(";").map((part) => part.trim());
      expect(pair).toMatch(/^__Host-officer-session=[0-9a-f]{64}$/);
      expect(attributes.map((attribute) => attribute.toLowerCase()).sort()).toEqual(
        ["httponly", "max-age=28800", "path=/", "samesite=strict", "secure"].sort(),
      );
      const overview = await send(consolePaths.overview, { token: pair.split("=")[1] });
      expect(overview.status).toBe(200);
      expect((await documentOf(overview)).text).toContain(officer.email);
    });

    it("refuses the right code after five wrong ones", async () => {
      const officer = await listedOfficer();
      const network = newNetwork();
      await send(consolePaths.signIn, { form: { step: "email", email: officer.email }, network });
      const code = await codeSentTo(officer.email);
      for (let guess = 0; guess < 5; guess += 1) {
        const wrong = await send(consolePaths.signIn, {
          form: { step: "code", email: officer.email, code: wrongCode(code) },
          network,
        });
        expect(wrong.status).toBe(422);
        expect(errorSummaryOf(await documentOf(wrong))).toContain(words.signIn.codeWrong);
      }
      const right = await send(consolePaths.signIn, { form: { step: "code", email: officer.email, code }, network });
      expect(right.status).toBe(422);
      expect(sessionCookieOf(right)).toBeUndefined();
    });

    it("answers 429 to the eleventh code typed on one network in ten minutes, even the right one, which works from another", async () => {
      const officer = await listedOfficer();
      const home = newNetwork();
      await send(consolePaths.signIn, { form: { step: "email", email: officer.email }, network: home });
      const code = await codeSentTo(officer.email);
      const guesser = newNetwork();
      for (let guess = 0; guess < 10; guess += 1) {
        const form = { step: "code", email: unknownAddress(), code: wrongCode(code) };
        expect((await send(consolePaths.signIn, { form, network: guesser })).status).toBe(422);
      }
      const form = { step: "code", email: officer.email, code };
      const limited = await send(consolePaths.signIn, { form, network: guesser });
      expect(limited.status).toBe(429);
      expect(errorSummaryOf(await documentOf(limited))).toContain(words.signIn.rateLimited.split("{minutes}")[0]);
      expect(sessionCookieOf(limited)).toBeUndefined();
      expect((await send(consolePaths.signIn, { form, network: home })).status).toBe(303);
    });

    it("answers 429 to the twenty-first code asked for from one network in an hour, and e-mails nobody", async () => {
      const officer = await listedOfficer();
      const network = newNetwork();
      for (let ask = 0; ask < 20; ask += 1) {
        const form = { step: "email", email: unknownAddress() };
        expect((await send(consolePaths.signIn, { form, network })).status).toBe(200);
      }
      const limited = await send(consolePaths.signIn, { form: { step: "email", email: officer.email }, network });
      expect(limited.status).toBe(429);
      expect((await outbox()).filter((mail) => mail.to === officer.email)).toEqual([]);
    });

    it("e-mails the code with nothing the requester typed but the address it goes to", async () => {
      const typed = "Typed-by-the-requester <b>Call 0800 000 000</b>";
      const codeMails = [];
      for (const officer of [await listedOfficer(), await listedOfficer()]) {
        const form = { step: "email", email: `  ${officer.email.toUpperCase()} `, name: typed, message: typed };
        expect((await send(consolePaths.signIn, { form })).status).toBe(200);
        const mail = (await outbox()).filter((sent) => sent.to === officer.email).at(-1);
        expect(JSON.stringify(mail)).not.toContain("Typed-by-the-requester");
        expect(mail?.body.toLowerCase()).not.toContain(officer.email.split("@")[0]);
        codeMails.push(mail?.body.replace(/^\d{6}$/m, "CODE"));
      }
      // Apart from its code, the e-mail is the same whoever asked for it.
      expect(codeMails[0]).toContain("CODE");
      expect(codeMails[0]).toBe(codeMails[1]);
    });
  });

  /** Each console route that takes a post, with a form that would change something. */
  const postRoutes: {
    name: string;
    path: (pledge: PledgeRecord, officer: { email: string }) => string;
    form: (pledge: PledgeRecord, officer: { email: string }) => URLSearchParams;
  }[] = [
    {
      name: "/officer/pledges/<reference>/ (approve)",
      path: (pledge) => officerPledgePath(pledge.reference),
      form: () => new URLSearchParams({ action: "approve" }),
    },
    {
      name: "/officer/pledges/<reference>/ (accept a check-in)",
      path: (pledge) => officerPledgePath(pledge.reference),
      form: () => new URLSearchParams({ action: "accept-check-in", checkIn: "1", confirm: "yes" }),
    },
    {
      name: "/officer/pledges/<reference>/check-in/",
      path: (pledge) => recordCheckInPath(pledge.reference),
      form: () => new URLSearchParams({ statement: "by-phone" }),
    },
    { name: "/officer/take/", path: () => consolePaths.take, form: () => takenPledgeForm() },
    { name: "/officer/export/", path: () => consolePaths.export, form: () => new URLSearchParams({ format: "csv" }) },
    { name: "/officer/sign-out/", path: () => consolePaths.signOut, form: () => new URLSearchParams() },
    {
      name: "/officer/sign-in/",
      path: () => consolePaths.signIn,
      form: (_pledge, officer) => new URLSearchParams({ step: "email", email: officer.email }),
    },
  ];

  describe("posts from another site", () => {
    const fromElsewhere = {
      "another site's form": { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      "a form with no Origin, marked Sec-Fetch-Site: cross-site": {
        "sec-fetch-site": "cross-site",
        "content-type": "application/x-www-form-urlencoded",
      },
      "another site, with a body not typed as a form": {
        origin: "https://evil.example",
        "content-type": "application/json",
      },
    };
    const cases = postRoutes.flatMap((route) =>
      Object.entries(fromElsewhere).map(([from, headers]) => ({ ...route, from, headers })),
    );

    it.each(cases)("$name refuses a post from $from with 403 and changes nothing", async ({ path, form, headers }) => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      const before = await everything();
      const request = new Request(new URL(path(pledge, officer), site), {
        method: "POST",
        headers: { cookie: `${sessionCookieName}=${officer.token}`, ...headers },
        body: form(pledge, officer).toString(),
      });
      const response = await handler(request, { ip: newNetwork() });
      expect(response.status).toBe(403);
      expect(await everything()).toEqual(before);
      expect((await send(consolePaths.overview, { token: officer.token })).status).toBe(200);
    });
  });

  describe("locals forged in a header", () => {
    const claimed = (email: string) =>
      JSON.stringify({ officer: { email, name: "Claimed Officer", token: madeUpToken() } });

    it("refuses x-astro-locals claiming an officer with 403, and grants nothing", async () => {
      const officer = await listedOfficer();
      const pledge = await pendingPledge();
      const before = await everything();
      const headers = { "x-astro-locals": claimed(officer.email) };
      const overview = await send(consolePaths.overview, { headers });
      const approve = await send(officerPledgePath(pledge.reference), { form: { action: "approve" }, headers });
      expect([overview.status, approve.status]).toEqual([403, 403]);
      expect(await overview.text()).not.toContain(words.overview.title);
      expect(await everything()).toEqual(before);
    });

    it("still asks for a session when the forged locals carry the build's own middleware secret", async () => {
      const entry = readFileSync(join(root, ".netlify/v1/functions/ssr/.netlify/build/entry.mjs"), "utf8");
      const secret = entry.match(/middlewareSecretHeader !== "([^"]+)"/)?.[1];
      if (!secret)
        throw new Error(
          "The built entry.mjs no longer compares x-astro-middleware-secret as this test expects: find how @astrojs/netlify checks it now",
        );
      const officer = await listedOfficer();
      const pledge = await pendingPledge();
      const before = await everything();
      const headers = { "x-astro-locals": claimed(officer.email), "x-astro-middleware-secret": secret };
      for (const response of [
        await send(consolePaths.overview, { headers }),
        await send(officerPledgePath(pledge.reference), { form: { action: "approve" }, headers }),
      ]) {
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toBe(`${consolePaths.signIn}?ended`);
      }
      expect(await everything()).toEqual(before);
    });
  });

  describe("decisions", () => {
    it("approves: 303 to the pledge's page saying so, its history names the officer's e-mail, and the pledger is told", async () => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      const response = await send(officerPledgePath(pledge.reference), {
        token: officer.token,
        form: { action: "approve" },
      });
      expect(response.status).toBe(303);
      const location = response.headers.get("location") ?? "";
      expect(location).toBe(`${officerPledgePath(pledge.reference)}?done=approved`);
      const record = await store.show(pledge.id);
      expect(record?.status).toBe("approved");
      expect(record?.history.at(-1)).toMatchObject({
        to_status: "approved",
        changed_by: expect.stringContaining(officer.email),
      });
      const page = await documentOf(await send(location, { token: officer.token }));
      expect(page.querySelector(".govuk-notification-banner")?.text).toContain(`${pledge.reference} is approved`);
      const told = (await outbox()).filter((mail) => mail.to === pledge.contact_email);
      expect(told.map((mail) => mail.reference)).toContain(`approved ${pledge.reference}`);
    });

    it("refuses a rejection without a reason with 422, an error summary linking to #reason, and changes nothing", async () => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      const before = await everything();
      const response = await send(officerPledgePath(pledge.reference), {
        token: officer.token,
        form: { action: "reject" },
      });
      expect(response.status).toBe(422);
      const page = await documentOf(response);
      const links = page.querySelectorAll(".govuk-error-summary a");
      expect(links.map((link) => [link.getAttribute("href"), link.text.trim()])).toEqual([
        ["#reason", words.decide.rejectReasonMissing],
      ]);
      expect(page.getElementById("reason")?.getAttribute("name")).toBe("reason");
      expect(await everything()).toEqual(before);
    });

    it("asks to confirm a rejection with a reason, and changes nothing until it is confirmed", async () => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      const before = await everything();
      const response = await send(officerPledgePath(pledge.reference), {
        token: officer.token,
        form: { action: "reject", reason: "not-in-stevenage", detail: "Registered in Luton" },
      });
      expect(response.status).toBe(200);
      const page = await documentOf(response);
      expect(page.text).toContain(words.decide.confirmTitle);
      const hidden = Object.fromEntries(
        page
          .querySelectorAll('form input[type="hidden"]')
          .map((input) => [input.getAttribute("name"), input.getAttribute("value")]),
      );
      expect(hidden).toEqual({
        action: "reject",
        confirm: "yes",
        reason: "not-in-stevenage",
        detail: "Registered in Luton",
      });
      expect(await everything()).toEqual(before);
    });

    it("rejects when confirmed, with the reason's words and the officer's in the history", async () => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      const response = await send(officerPledgePath(pledge.reference), {
        token: officer.token,
        form: { action: "reject", reason: "not-in-stevenage", detail: "Registered in Luton", confirm: "yes" },
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${officerPledgePath(pledge.reference)}?done=rejected`);
      const record = await store.show(pledge.id);
      expect(record?.status).toBe("rejected");
      expect(record?.history.at(-1)).toMatchObject({
        to_status: "rejected",
        changed_by: expect.stringContaining(officer.email),
        reason: `${words.rejectionReasons["not-in-stevenage"]}: Registered in Luton`,
      });
    });

    it("refuses to approve a withdrawn pledge with 409 and the database's reason", async () => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      await store.setStatus({ id: pledge.id, status: "withdrawn", actor: "Test Setup" });
      const before = await everything();
      const response = await send(officerPledgePath(pledge.reference), {
        token: officer.token,
        form: { action: "approve" },
      });
      expect(response.status).toBe(409);
      expect(errorSummaryOf(await documentOf(response))).toContain("A pledge cannot move from withdrawn to approved");
      expect(await everything()).toEqual(before);
    });
  });

  describe("a change its author asked for", () => {
    const newCommitment = () => `We will buy from ${crypto.randomUUID().slice(0, 4)} more local firms.`;

    /** An approved pledge whose author has asked, from their e-mailed link, for a change that waits. */
    async function pledgeWithChangeWaiting(fields: Record<string, unknown> = { commitment: newCommitment() }) {
      const pledge = await pendingPledge();
      await store.setStatus({ id: pledge.id, status: "approved", actor: "Test Setup" });
      const [asked] = await database.asOwner<{ outcome: string }>(
        "select public.pledger_change_pledge($1, $2::jsonb, $3) as outcome",
        [pledge.reference, JSON.stringify(fields), pledge.contact_name],
      );
      expect(asked?.outcome).toBe("waiting");
      const [change] = await database.asOwner<{ id: string }>(
        "select id::text as id from public.pledge_changes where pledge_id = $1 and outcome = 'waiting'",
        [pledge.id],
      );
      return { pledge, changeId: change?.id ?? "", fields };
    }

    /** Every change asked for, as the database holds them, and what the wall's view shows. */
    const changesAndWall = async () => ({
      ...(await everything()),
      changes: await database.asOwner(
        "select id, outcome, proposed, decided_by, reason from public.pledge_changes order by id",
      ),
      wall: await database.asOwner("select * from public.public_signatories order by id"),
    });

    const wallCommitment = async (id: string) =>
      (
        await database.asOwner<{ commitment: string | null }>(
          "select commitment from public.public_signatories where id = $1",
          [id],
        )
      )[0]?.commitment;

    const decideChange = (
      pledge: PledgeRecord,
      token: string | undefined,
      form: Record<string, string>,
      headers: Record<string, string> = {},
    ) => send(officerPledgePath(pledge.reference), { token, form, headers });

    const waitingSection = (page: HTMLElement) => page.querySelector('section[aria-labelledby="change-waiting"]');

    it("shows a change waiting at the top of its pledge's page: each field with what the wall shows now and what is proposed, by name", async () => {
      const officer = await signedInOfficer();
      const commitment = newCommitment();
      const { pledge, changeId } = await pledgeWithChangeWaiting({
        kind: "social-enterprise",
        ward: "old-town",
        actions: ["buying-locally", "work-placements"],
        commitment,
        target_date: "2027-03-31",
      });
      const response = await send(officerPledgePath(pledge.reference), { token: officer.token });
      expect(response.status).toBe(200);
      const page = await documentOf(response);
      const headings = page.querySelectorAll("h2").map((heading) => heading.text.trim());
      expect(headings.indexOf(words.changes.waitingHeading)).toBeGreaterThanOrEqual(0);
      expect(headings.indexOf(words.changes.waitingHeading)).toBeLessThan(
        headings.indexOf(words.pledge.detailsHeading),
      );
      const section = waitingSection(page);
      expect(section?.querySelectorAll("thead th").map((cell) => cell.text.trim())).toEqual([
        words.changes.field,
        words.changes.shownNow,
        words.changes.proposed,
      ]);
      expect(rowsOf(section?.querySelector("table"))).toEqual([
        [[words.pledge.fields.kind], ["Business"], ["Social enterprise or co-operative"]],
        [[words.pledge.fields.ward], ["Bedwell"], ["Old Town"]],
        [
          [words.pledge.fields.actions],
          ["Purchasing goods or services from others in the local area"],
          [
            "Purchasing goods or services from others in the local area",
            "Offering work placements to people who need extra support",
          ],
        ],
        [[words.pledge.fields.commitment], ["We will buy locally."], [commitment]],
        [[words.pledge.fields.targetDate], [words.pledge.notGiven], ["31 March 2027"]],
      ]);
      const forms = (section?.querySelectorAll("form") ?? []).map((form) =>
        Object.fromEntries(
          form
            .querySelectorAll('input[type="hidden"]')
            .map((input) => [input.getAttribute("name"), input.getAttribute("value")]),
        ),
      );
      expect(forms).toEqual([
        { action: "approve-change", change: changeId },
        { action: "reject-change", change: changeId },
      ]);
      expect(section?.querySelector("textarea")?.getAttribute("name")).toBe("changeReason");
    });

    it("lists the pledges with a change waiting, the longest waiting first, and counts them on the overview with a link there", async () => {
      const officer = await signedInOfficer();
      const first = await pledgeWithChangeWaiting();
      const second = await pledgeWithChangeWaiting();
      const list = await documentOf(await send(changesWaitingPath, { token: officer.token }));
      expect(list.querySelector("h1")?.text).toBe(words.queue.changesTitle);
      const references = list.querySelectorAll("tbody tr").map((row) => row.querySelector("a")?.text.trim() ?? "");
      expect(references).toContain(first.pledge.reference);
      expect(references.indexOf(first.pledge.reference)).toBeLessThan(references.indexOf(second.pledge.reference));
      const row = list.querySelectorAll("tbody tr").find((each) => each.text.includes(first.pledge.reference));
      expect(row?.querySelectorAll("td").at(-1)?.text.trim()).toBe(words.waited.hours.replace("{count}", "0"));

      const [{ waiting } = { waiting: 0 }] = await database.asOwner<{ waiting: number }>(
        "select count(*)::int as waiting from public.pledge_changes where outcome = 'waiting'",
      );
      const overview = await documentOf(await send(consolePaths.overview, { token: officer.token }));
      expect(overview.text).toContain(words.overview.changesWaiting.replace("{count}", String(waiting)));
      const link = overview.querySelectorAll("a").find((each) => each.text === words.overview.changesLink);
      expect(link?.getAttribute("href")).toBe(changesWaitingPath);
    });

    it("asks to confirm approving a change, saying what happens next, and changes nothing until it is confirmed", async () => {
      const officer = await signedInOfficer();
      const { pledge, changeId } = await pledgeWithChangeWaiting();
      const before = await changesAndWall();
      const response = await decideChange(pledge, officer.token, { action: "approve-change", change: changeId });
      expect(response.status).toBe(200);
      const page = await documentOf(response);
      expect(page.text).toContain(words.changes.confirmApprove.replace("{reference}", pledge.reference));
      const hidden = Object.fromEntries(
        page
          .querySelectorAll('form input[type="hidden"]')
          .map((input) => [input.getAttribute("name"), input.getAttribute("value")]),
      );
      expect(hidden).toEqual({ action: "approve-change", confirm: "yes", change: changeId });
      expect(await changesAndWall()).toEqual(before);
    });

    it("approves a change when confirmed: the wall's view shows the new commitment, the history names the officer, and the pledger is e-mailed", async () => {
      const officer = await signedInOfficer();
      const { pledge, changeId, fields } = await pledgeWithChangeWaiting();
      expect(await wallCommitment(pledge.id)).toBe("We will buy locally.");
      const response = await decideChange(pledge, officer.token, {
        action: "approve-change",
        change: changeId,
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      const location = response.headers.get("location") ?? "";
      expect(location).toBe(`${officerPledgePath(pledge.reference)}?done=changeApproved`);
      expect(await wallCommitment(pledge.id)).toBe(fields.commitment);
      const [decided] = await database.asOwner<{ outcome: string; decided_by: string }>(
        "select outcome, decided_by from public.pledge_changes where id = $1",
        [changeId],
      );
      expect(decided).toEqual({ outcome: "approved", decided_by: officer.email });
      const told = (await outbox()).filter((mail) => mail.to === pledge.contact_email);
      expect(told.map((mail) => mail.reference)).toContain(`change-approved ${pledge.reference}`);

      const page = await documentOf(await send(location, { token: officer.token }));
      expect(page.querySelector(".govuk-notification-banner")?.text).toContain(
        words.changes.changeApproved.replace("{reference}", pledge.reference),
      );
      expect(waitingSection(page)).toBeNull();
      const history = page.querySelectorAll("li").find((item) => item.text.includes(officer.email));
      expect(rowsOf(history?.querySelector("table"))).toEqual([
        [[words.pledge.fields.commitment], ["We will buy locally."], [String(fields.commitment)]],
      ]);
    });

    it("rejects a change when confirmed, keeping the officer's reason: the pledge stays as approved and the pledger is e-mailed", async () => {
      const officer = await signedInOfficer();
      const { pledge, changeId } = await pledgeWithChangeWaiting();
      const confirmPage = await documentOf(
        await decideChange(pledge, officer.token, {
          action: "reject-change",
          change: changeId,
          changeReason: "Names a supplier without its consent",
        }),
      );
      expect(confirmPage.text).toContain(words.changes.confirmReject.replace("{reference}", pledge.reference));
      const response = await decideChange(pledge, officer.token, {
        action: "reject-change",
        change: changeId,
        changeReason: "Names a supplier without its consent",
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${officerPledgePath(pledge.reference)}?done=changeRejected`);
      expect(await wallCommitment(pledge.id)).toBe("We will buy locally.");
      const [decided] = await database.asOwner<{ outcome: string; decided_by: string; reason: string }>(
        "select outcome, decided_by, reason from public.pledge_changes where id = $1",
        [changeId],
      );
      expect(decided).toEqual({
        outcome: "rejected",
        decided_by: officer.email,
        reason: "Names a supplier without its consent",
      });
      const told = (await outbox()).filter((mail) => mail.to === pledge.contact_email);
      expect(told.map((mail) => mail.reference)).toContain(`change-rejected ${pledge.reference}`);
    });

    it("rejects a change without the officer's own reason, recording that none was given", async () => {
      const officer = await signedInOfficer();
      const { pledge, changeId } = await pledgeWithChangeWaiting();
      const response = await decideChange(pledge, officer.token, {
        action: "reject-change",
        change: changeId,
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      const [decided] = await database.asOwner<{ outcome: string; reason: string }>(
        "select outcome, reason from public.pledge_changes where id = $1",
        [changeId],
      );
      expect(decided).toEqual({ outcome: "rejected", reason: words.changes.noReasonGiven });
    });

    it("refuses a reason over 800 characters with 422, an error summary linking to #changeReason, and decides nothing", async () => {
      const officer = await signedInOfficer();
      const { pledge, changeId } = await pledgeWithChangeWaiting();
      const before = await changesAndWall();
      const response = await decideChange(pledge, officer.token, {
        action: "reject-change",
        change: changeId,
        changeReason: "x".repeat(801),
        confirm: "yes",
      });
      expect(response.status).toBe(422);
      const page = await documentOf(response);
      const links = page.querySelectorAll(".govuk-error-summary a");
      expect(links.map((link) => [link.getAttribute("href"), link.text.trim()])).toEqual([
        ["#changeReason", words.changes.reasonTooLong],
      ]);
      expect(page.getElementById("changeReason")?.text).toBe("x".repeat(801));
      expect(await changesAndWall()).toEqual(before);
    });

    it("shows the database's reason with 409 when the proposed name now belongs to another live pledge from the same address, and decides nothing", async () => {
      const officer = await signedInOfficer();
      const takenName = `Renamed Works ${crypto.randomUUID().slice(0, 8)}`;
      const { pledge, changeId } = await pledgeWithChangeWaiting({ name: takenName });
      await pendingPledge({ name: takenName, contact_email: pledge.contact_email });
      const before = await changesAndWall();
      const response = await decideChange(pledge, officer.token, {
        action: "approve-change",
        change: changeId,
        confirm: "yes",
      });
      expect(response.status).toBe(409);
      expect(errorSummaryOf(await documentOf(response))).toContain(
        "pledges_one_live_pledge_per_organisation_and_email",
      );
      expect(await changesAndWall()).toEqual(before);
      expect((await outbox()).map((mail) => mail.reference)).not.toContain(`change-approved ${pledge.reference}`);
    });

    it("decides nothing when the pledger has replaced the change the officer read, and says so", async () => {
      const officer = await signedInOfficer();
      const { pledge, changeId } = await pledgeWithChangeWaiting();
      await database.asOwner("select public.pledger_change_pledge($1, $2::jsonb, $3)", [
        pledge.reference,
        JSON.stringify({ commitment: newCommitment() }),
        pledge.contact_name,
      ]);
      const before = await changesAndWall();
      const response = await decideChange(pledge, officer.token, {
        action: "approve-change",
        change: changeId,
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      const location = response.headers.get("location") ?? "";
      expect(location).toBe(`${officerPledgePath(pledge.reference)}?done=changeNone`);
      expect(await changesAndWall()).toEqual(before);
      const page = await documentOf(await send(location, { token: officer.token }));
      expect(page.querySelector(".govuk-notification-banner")?.text).toContain(words.changes.changeNone);
      expect(waitingSection(page)).not.toBeNull();
    });

    it.each(endedSessions.slice(0, 3))(
      "sends a decision on a change with $name to sign in, and decides nothing",
      async ({ make }) => {
        const token = await make();
        const { pledge, changeId } = await pledgeWithChangeWaiting();
        const before = await changesAndWall();
        const response = await decideChange(pledge, token, {
          action: "approve-change",
          change: changeId,
          confirm: "yes",
        });
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toBe(`${consolePaths.signIn}?ended`);
        expect(await changesAndWall()).toEqual(before);
      },
    );

    it("refuses a decision on a change posted from another site with 403, and decides nothing", async () => {
      const officer = await signedInOfficer();
      const { pledge, changeId } = await pledgeWithChangeWaiting();
      const before = await changesAndWall();
      const response = await decideChange(
        pledge,
        officer.token,
        { action: "approve-change", change: changeId, confirm: "yes" },
        { origin: "https://evil.example" },
      );
      expect(response.status).toBe(403);
      expect(await changesAndWall()).toEqual(before);
    });

    it("shows a pending pledge's changes, made at once, in its history: public fields before and after, private details by name only", async () => {
      const officer = await signedInOfficer();
      const pledge = await pendingPledge();
      const commitment = newCommitment();
      const [asked] = await database.asOwner<{ outcome: string }>(
        "select public.pledger_change_pledge($1, $2::jsonb, $3) as outcome",
        [pledge.reference, JSON.stringify({ commitment }), "A New Contact"],
      );
      expect(asked?.outcome).toBe("applied");
      const page = await documentOf(await send(officerPledgePath(pledge.reference), { token: officer.token }));
      expect(waitingSection(page)).toBeNull();
      expect(page.querySelectorAll("h3").map((heading) => heading.text.trim())).toContain(words.changes.historyHeading);
      const entry = page
        .querySelectorAll("li")
        .find((item) => item.text.includes(words.changes.historyApplied.replace("{date}: ", "")));
      expect(rowsOf(entry?.querySelector("table"))).toEqual([
        [[words.pledge.fields.commitment], ["We will buy locally."], [commitment]],
      ]);
      expect(entry?.text).toContain(words.changes.privateChanged.replace("{fields}", words.pledge.fields.contactName));
      expect(entry?.text).not.toContain("A New Contact");
    });
  });

  describe("a check-in its author sent", () => {
    const k = words.checkIns;
    const evidence = () => `https://example.org/done/${crypto.randomUUID().slice(0, 8)}`;

    /** An approved pledge with a charter action and its own words: two commitments, both planned. */
    async function approvedPledge(overrides: Parameters<typeof pledgeRow>[0] = {}) {
      const pledge = await pendingPledge(overrides);
      await store.setStatus({ id: pledge.id, status: "approved", actor: "Test Setup" });
      const mine = await store.checkIns.commitmentsFor(pledge.reference);
      if (!mine) throw new Error("the approved pledge has no commitments");
      return { pledge, commitments: mine.commitments };
    }

    /** The pledger's answers from the e-mailed link: the action done with evidence, the own words started. */
    async function pledgeWithCheckInWaiting(note = "Two local suppliers.") {
      const { pledge, commitments } = await approvedPledge();
      const answers = commitments.map((commitment) =>
        commitment.action_id === null
          ? { commitment_id: commitment.id, status: "started" as const, evidence_url: null, note: null }
          : { commitment_id: commitment.id, status: "done" as const, evidence_url: evidence(), note },
      );
      expect(await store.checkIns.submitCheckIn(pledge.reference, answers)).toBe("stored");
      return { pledge, commitments, answers };
    }

    const waitingIdOf = async (pledge: PledgeRecord, token: string) =>
      String((await store.checkIns.checkInsFor(token, pledge.id)).find((each) => each.review === "waiting")?.id ?? "");

    /** What the wall is built from, read as the anonymous role, for one pledge. */
    const publicCommitments = async (pledge: PledgeRecord) => {
      const reader = await openServerReader({ kind: "postgres", connectionString: database.url });
      return (await reader.readCommitments())
        .filter((row) => row.signatory_id === pledge.id)
        .map(({ action_id, status, evidence_url, note }) => ({ action_id, status, evidence_url, note }))
        .sort((a, b) => String(a.action_id).localeCompare(String(b.action_id)));
    };

    /** The digest the scheduled rebuild compares: a new one means the wall is built again. */
    const wallVersion = async () =>
      (await (await openServerReader({ kind: "postgres", connectionString: database.url })).readWallVersion()).version;

    /** Everything a console call could change, and what the public may read. */
    const checkInsAndWall = async () => ({
      ...(await everything()),
      wall: await openServerReader({ kind: "postgres", connectionString: database.url }).then((reader) =>
        reader.readCommitments(),
      ),
    });

    const decide = (
      pledge: PledgeRecord,
      token: string | undefined,
      form: Record<string, string>,
      headers: Record<string, string> = {},
    ) => send(officerPledgePath(pledge.reference), { token, form, headers });

    const waitingSection = (page: HTMLElement) => page.querySelector('section[aria-labelledby="check-in-waiting"]');
    const actionName = "Purchasing goods or services from others in the local area";

    it("lists the check-ins waiting, the longest waiting first with how long each has waited, and counts them on the overview with a link there", async () => {
      const officer = await signedInOfficer();
      const first = await pledgeWithCheckInWaiting();
      const second = await pledgeWithCheckInWaiting();
      const list = await documentOf(await send(checkInsWaitingPath, { token: officer.token }));
      expect(list.querySelector("h1")?.text).toBe(words.queue.checkInsTitle);
      const references = list.querySelectorAll("tbody tr").map((row) => row.querySelector("a")?.text.trim() ?? "");
      expect(references).toContain(first.pledge.reference);
      expect(references.indexOf(first.pledge.reference)).toBeLessThan(references.indexOf(second.pledge.reference));
      const row = list.querySelectorAll("tbody tr").find((each) => each.text.includes(first.pledge.reference));
      expect(row?.querySelector("a")?.getAttribute("href")).toBe(officerPledgePath(first.pledge.reference));
      expect(row?.querySelectorAll("td").at(-1)?.text.trim()).toBe(words.waited.hours.replace("{count}", "0"));

      const waiting = (await store.checkIns.checkInsWaiting(officer.token)).length;
      expect(waiting).toBe(references.length);
      const overview = await documentOf(await send(consolePaths.overview, { token: officer.token }));
      expect(overview.text).toContain(words.overview.checkInsWaiting.replace("{count}", String(waiting)));
      const link = overview.querySelectorAll("a").find((each) => each.text === words.overview.checkInsLink);
      expect(link?.getAttribute("href")).toBe(checkInsWaitingPath);
    });

    it("shows a check-in waiting near the top of its pledge's page, each answer beside its commitment as the wall shows it, with the three decisions", async () => {
      const officer = await signedInOfficer();
      const { pledge, answers } = await pledgeWithCheckInWaiting();
      const evidenceUrl = answers.find((answer) => answer.status === "done")?.evidence_url ?? "";
      const page = await documentOf(await send(officerPledgePath(pledge.reference), { token: officer.token }));
      const headings = page.querySelectorAll("h2").map((heading) => heading.text.trim());
      expect(headings.indexOf(k.waitingHeading)).toBeGreaterThanOrEqual(0);
      expect(headings.indexOf(k.waitingHeading)).toBeLessThan(headings.indexOf(words.pledge.detailsHeading));
      const section = waitingSection(page);
      const tables = section?.querySelectorAll("table") ?? [];
      expect(tables.map((table) => table.querySelector("caption")?.text.trim())).toEqual([actionName, k.ownWords]);
      expect(tables[0]?.querySelectorAll("thead th").map((cell) => cell.text.trim())).toEqual([
        k.answer,
        k.now,
        k.proposed,
      ]);
      const since = (text: string) => text.replace(/ since .*$/, "");
      expect(rowsOf(tables[0]).map(([label, now, proposed]) => [label, now?.map(since), proposed])).toEqual([
        [[k.status], [k.statuses.planned], [k.statuses.done]],
        [[k.evidence], [words.pledge.notGiven], [evidenceUrl]],
        [[k.note], [words.pledge.notGiven], ["Two local suppliers."]],
      ]);
      expect(rowsOf(tables[1])[0]?.[2]).toEqual([k.statuses.started]);
      // A link the pledger typed is text until an officer has decided it may be public.
      expect(section?.querySelectorAll("a").map((link) => link.getAttribute("href"))).not.toContain(evidenceUrl);
      const checkIn = await waitingIdOf(pledge, officer.token);
      const forms = (section?.querySelectorAll("form") ?? []).map((form) =>
        Object.fromEntries(
          form
            .querySelectorAll('input[type="hidden"]')
            .map((input) => [input.getAttribute("name"), input.getAttribute("value")]),
        ),
      );
      expect(forms).toEqual([
        { action: "accept-check-in", checkIn },
        { action: "accept-check-in-without-evidence", checkIn },
        { action: "reject-check-in", checkIn },
      ]);
      expect(section?.querySelector("textarea")?.getAttribute("name")).toBe("checkInReason");
    });

    it("asks to confirm accepting a check-in, saying what it publishes, and changes nothing until it is confirmed", async () => {
      const officer = await signedInOfficer();
      const { pledge } = await pledgeWithCheckInWaiting();
      const checkIn = await waitingIdOf(pledge, officer.token);
      const before = await checkInsAndWall();
      const response = await decide(pledge, officer.token, { action: "accept-check-in", checkIn });
      expect(response.status).toBe(200);
      const page = await documentOf(response);
      expect(page.text).toContain(k.confirmAccept.replace("{reference}", pledge.reference));
      const hidden = Object.fromEntries(
        page
          .querySelectorAll('form input[type="hidden"]')
          .map((input) => [input.getAttribute("name"), input.getAttribute("value")]),
      );
      expect(hidden).toEqual({ action: "accept-check-in", confirm: "yes", checkIn });
      expect(await checkInsAndWall()).toEqual(before);
    });

    it("accepts a check-in when confirmed: the public commitments show its statuses, evidence and note, the page says the wall shows them after the next rebuild, and the history names the officer", async () => {
      const officer = await signedInOfficer();
      const { pledge, answers } = await pledgeWithCheckInWaiting();
      const evidenceUrl = answers.find((answer) => answer.status === "done")?.evidence_url ?? "";
      expect(await publicCommitments(pledge)).toEqual([
        { action_id: "buying-locally", status: "planned", evidence_url: null, note: null },
        { action_id: null, status: "planned", evidence_url: null, note: null },
      ]);
      const version = await wallVersion();
      const response = await decide(pledge, officer.token, {
        action: "accept-check-in",
        checkIn: await waitingIdOf(pledge, officer.token),
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      const location = response.headers.get("location") ?? "";
      expect(location).toBe(`${officerPledgePath(pledge.reference)}?done=checkInAccepted`);
      expect(await publicCommitments(pledge)).toEqual([
        { action_id: "buying-locally", status: "done", evidence_url: evidenceUrl, note: "Two local suppliers." },
        { action_id: null, status: "started", evidence_url: null, note: null },
      ]);
      expect(await wallVersion()).not.toBe(version);

      const page = await documentOf(await send(location, { token: officer.token }));
      expect(page.querySelector(".govuk-notification-banner")?.text).toContain(
        k.checkInAccepted.replace("{reference}", pledge.reference),
      );
      expect(waitingSection(page)).toBeNull();
      const commitments = page.querySelector(`[aria-label="${k.commitmentsHeading}"] table`);
      expect(rowsOf(commitments).map((row) => row.map((cell) => cell.join(" ")))).toEqual([
        [actionName, k.statuses.done, expect.any(String), evidenceUrl, "Two local suppliers."],
        [k.ownWords, k.statuses.started, expect.any(String), words.pledge.notGiven, words.pledge.notGiven],
      ]);
      expect(page.querySelectorAll("a").map((link) => link.getAttribute("href"))).not.toContain(evidenceUrl);
      const history = page
        .querySelectorAll("li")
        .find((item) => item.text.includes(k.historyPledger.split(":")[1] ?? ""));
      expect(history?.text).toContain(officer.email);
    });

    it("accepts a check-in without its evidence and notes when confirmed: the public commitments show its statuses only", async () => {
      const officer = await signedInOfficer();
      const { pledge } = await pledgeWithCheckInWaiting();
      const checkIn = await waitingIdOf(pledge, officer.token);
      const confirmPage = await documentOf(
        await decide(pledge, officer.token, { action: "accept-check-in-without-evidence", checkIn }),
      );
      expect(confirmPage.text).toContain(k.confirmAcceptWithoutEvidence.replace("{reference}", pledge.reference));
      const response = await decide(pledge, officer.token, {
        action: "accept-check-in-without-evidence",
        checkIn,
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(
        `${officerPledgePath(pledge.reference)}?done=checkInAcceptedWithoutEvidence`,
      );
      expect(await publicCommitments(pledge)).toEqual([
        { action_id: "buying-locally", status: "done", evidence_url: null, note: null },
        { action_id: null, status: "started", evidence_url: null, note: null },
      ]);
      const overview = await documentOf(await send(consolePaths.overview, { token: officer.token }));
      const activity = overview.querySelectorAll("tbody tr").find((row) => row.text.includes(pledge.reference));
      expect(activity?.text).toContain(
        `${words.activity["check-in-decided"]}: ${words.activityDetails["check-in-decided"]["accept-without-evidence"]}`,
      );
    });

    it("refuses a rejection without a reason with 422, an error summary linking to #checkInReason, and changes nothing", async () => {
      const officer = await signedInOfficer();
      const { pledge } = await pledgeWithCheckInWaiting();
      const before = await checkInsAndWall();
      const response = await decide(pledge, officer.token, {
        action: "reject-check-in",
        checkIn: await waitingIdOf(pledge, officer.token),
        confirm: "yes",
      });
      expect(response.status).toBe(422);
      const page = await documentOf(response);
      const links = page.querySelectorAll(".govuk-error-summary a");
      expect(links.map((link) => [link.getAttribute("href"), link.text.trim()])).toEqual([
        ["#checkInReason", k.reasonMissing],
      ]);
      expect(page.getElementById("checkInReason")?.getAttribute("name")).toBe("checkInReason");
      expect(await checkInsAndWall()).toEqual(before);
    });

    it("rejects a check-in with a reason when confirmed: nothing public changes, and the reason is in its history", async () => {
      const officer = await signedInOfficer();
      const { pledge } = await pledgeWithCheckInWaiting();
      const checkIn = await waitingIdOf(pledge, officer.token);
      const wallBefore = await publicCommitments(pledge);
      const version = await wallVersion();
      const confirmPage = await documentOf(
        await decide(pledge, officer.token, {
          action: "reject-check-in",
          checkIn,
          checkInReason: "The link is broken",
        }),
      );
      expect(confirmPage.text).toContain(k.confirmReject.replace("{reference}", pledge.reference));
      const response = await decide(pledge, officer.token, {
        action: "reject-check-in",
        checkIn,
        checkInReason: "The link is broken",
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      const location = response.headers.get("location") ?? "";
      expect(location).toBe(`${officerPledgePath(pledge.reference)}?done=checkInRejected`);
      expect(await publicCommitments(pledge)).toEqual(wallBefore);
      expect(await wallVersion()).toBe(version);
      const decided = (await store.checkIns.checkInsFor(officer.token, pledge.id)).find((each) => each.id === checkIn);
      expect(decided).toMatchObject({ review: "rejected", reviewed_by: officer.email, reason: "The link is broken" });
      const page = await documentOf(await send(location, { token: officer.token }));
      expect(waitingSection(page)).toBeNull();
      expect(page.text).toContain(k.historyReason.replace("{reason}", "The link is broken"));
    });

    it("shows the database's reason with 409 when a rule of its tables refuses what the check-in publishes, and decides nothing", async () => {
      const officer = await signedInOfficer();
      const { pledge } = await pledgeWithCheckInWaiting("A note the council has ruled out");
      const checkIn = await waitingIdOf(pledge, officer.token);
      // A rule such as the council might add to the table, for this test only; rows already there are not checked.
      await database.asOwner(
        "alter table public.commitments add constraint commitments_ruled_out_note check (note <> 'A note the council has ruled out') not valid",
      );
      try {
        const before = await checkInsAndWall();
        const response = await decide(pledge, officer.token, { action: "accept-check-in", checkIn, confirm: "yes" });
        expect(response.status).toBe(409);
        expect(errorSummaryOf(await documentOf(response))).toContain("commitments_ruled_out_note");
        expect(await checkInsAndWall()).toEqual(before);
      } finally {
        await database.asOwner("alter table public.commitments drop constraint commitments_ruled_out_note");
      }
    });

    it("decides nothing when the pledger has sent a newer check-in since the officer read theirs, and says so", async () => {
      const officer = await signedInOfficer();
      const { pledge, commitments } = await pledgeWithCheckInWaiting();
      const read = await waitingIdOf(pledge, officer.token);
      const newer = commitments.map((commitment) => ({
        commitment_id: commitment.id,
        status: "dropped" as const,
        evidence_url: null,
        note: null,
      }));
      expect(await store.checkIns.submitCheckIn(pledge.reference, newer)).toBe("stored");
      const before = await checkInsAndWall();
      const response = await decide(pledge, officer.token, {
        action: "accept-check-in",
        checkIn: read,
        confirm: "yes",
      });
      expect(response.status).toBe(303);
      const location = response.headers.get("location") ?? "";
      expect(location).toBe(`${officerPledgePath(pledge.reference)}?done=checkInNone`);
      expect(await checkInsAndWall()).toEqual(before);
      const page = await documentOf(await send(location, { token: officer.token }));
      expect(page.querySelector(".govuk-notification-banner")?.text).toContain(k.checkInNone);
      expect(waitingSection(page)).not.toBeNull();
    });

    it("decides nothing when the check-in named is another pledge's", async () => {
      const officer = await signedInOfficer();
      const { pledge } = await pledgeWithCheckInWaiting();
      const other = await pledgeWithCheckInWaiting();
      const before = await checkInsAndWall();
      const response = await decide(pledge, officer.token, {
        action: "accept-check-in",
        checkIn: await waitingIdOf(other.pledge, officer.token),
        confirm: "yes",
      });
      expect(response.headers.get("location")).toBe(`${officerPledgePath(pledge.reference)}?done=checkInNone`);
      expect(await checkInsAndWall()).toEqual(before);
    });

    it.each(endedSessions.slice(0, 3))(
      "sends a decision on a check-in with $name to sign in, and decides nothing",
      async ({ make }) => {
        const token = await make();
        const officer = await signedInOfficer();
        const { pledge } = await pledgeWithCheckInWaiting();
        const checkIn = await waitingIdOf(pledge, officer.token);
        const before = await checkInsAndWall();
        const response = await decide(pledge, token, { action: "accept-check-in", checkIn, confirm: "yes" });
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toBe(`${consolePaths.signIn}?ended`);
        expect(await checkInsAndWall()).toEqual(before);
      },
    );

    it("refuses a decision on a check-in posted from another site with 403, and decides nothing", async () => {
      const officer = await signedInOfficer();
      const { pledge } = await pledgeWithCheckInWaiting();
      const checkIn = await waitingIdOf(pledge, officer.token);
      const before = await checkInsAndWall();
      const response = await decide(
        pledge,
        officer.token,
        { action: "accept-check-in", checkIn, confirm: "yes" },
        { origin: "https://evil.example" },
      );
      expect(response.status).toBe(403);
      expect(await checkInsAndWall()).toEqual(before);
    });

    describe("recorded by an officer", () => {
      const r = words.recordCheckIn;

      /** The record form as an officer fills it in: every commitment done, the statement given. */
      function recordForm(commitments: Commitment[], fill: (commitment: Commitment) => Record<string, string>) {
        const form = new URLSearchParams({ statement: "by-phone" });
        for (const commitment of commitments) {
          for (const [name, value] of Object.entries(fill(commitment))) form.set(`${name}-${commitment.id}`, value);
        }
        return form;
      }

      it("asks one question per commitment of an approved pledge, each as the wall shows it now, and how it was taken", async () => {
        const officer = await signedInOfficer();
        const { pledge, commitments } = await approvedPledge();
        const pledgePage = await documentOf(await send(officerPledgePath(pledge.reference), { token: officer.token }));
        const link = pledgePage.querySelectorAll("a").find((each) => each.text === k.recordLink);
        expect(link?.getAttribute("href")).toBe(recordCheckInPath(pledge.reference));
        const response = await send(recordCheckInPath(pledge.reference), { token: officer.token });
        expect(response.status).toBe(200);
        const page = await documentOf(response);
        expect(page.querySelector("h1")?.text).toBe(r.title.replace("{reference}", pledge.reference));
        expect(page.querySelectorAll("section h2").map((heading) => heading.text.trim())).toEqual([
          actionName,
          k.ownWords,
        ]);
        for (const commitment of commitments) {
          expect(page.querySelector(`input[name="status-${commitment.id}"][checked]`)?.getAttribute("value")).toBe(
            "planned",
          );
          expect(page.querySelector(`input[name="evidence-${commitment.id}"]`)).not.toBeNull();
          expect(page.querySelector(`textarea[name="note-${commitment.id}"]`)).not.toBeNull();
        }
        expect(page.querySelectorAll('input[name="statement"]').map((input) => input.getAttribute("value"))).toEqual(
          Object.keys(r.statements),
        );
      });

      it("records a check-in taken by phone, accepted as recorded: the public commitments show it, and the history names the officer and how it was taken", async () => {
        const officer = await signedInOfficer();
        const { pledge, commitments } = await approvedPledge();
        const form = recordForm(commitments, (commitment) =>
          commitment.action_id === null
            ? { status: "dropped" }
            : { status: "done", evidence: "www.example.org/local-buying", note: "Three local suppliers." },
        );
        const response = await send(recordCheckInPath(pledge.reference), { token: officer.token, form });
        expect(response.status).toBe(303);
        const location = response.headers.get("location") ?? "";
        expect(location).toBe(`${officerPledgePath(pledge.reference)}?done=checkInRecorded`);
        expect(await publicCommitments(pledge)).toEqual([
          {
            action_id: "buying-locally",
            status: "done",
            evidence_url: "https://www.example.org/local-buying",
            note: "Three local suppliers.",
          },
          { action_id: null, status: "dropped", evidence_url: null, note: null },
        ]);
        const [recorded] = await store.checkIns.checkInsFor(officer.token, pledge.id);
        expect(recorded).toMatchObject({ source: "officer", review: "accepted" });
        const page = await documentOf(await send(location, { token: officer.token }));
        expect(page.querySelector(".govuk-notification-banner")?.text).toContain(
          k.checkInRecorded.replace("{reference}", pledge.reference),
        );
        const history = page.querySelectorAll("li").find((item) => item.text.includes(officer.email));
        expect(history?.text).toContain(r.statements["by-phone"]);
      });

      it("refuses answers that break the check-in's rules with 422, an error summary linking to each field, the answers kept, and records nothing", async () => {
        const officer = await signedInOfficer();
        const { pledge, commitments } = await approvedPledge();
        const form = recordForm(commitments, (commitment) =>
          commitment.action_id === null
            ? { status: "", note: "x".repeat(281) }
            : { status: "done", evidence: "not a link" },
        );
        form.delete("statement");
        const before = await checkInsAndWall();
        const response = await send(recordCheckInPath(pledge.reference), { token: officer.token, form });
        expect(response.status).toBe(422);
        const page = await documentOf(response);
        const own = commitments.find((commitment) => commitment.action_id === null)?.id;
        const action = commitments.find((commitment) => commitment.action_id !== null)?.id;
        const targets = page.querySelectorAll(".govuk-error-summary a").map((link) => link.getAttribute("href"));
        expect(targets).toEqual(
          expect.arrayContaining([`#evidence-${action}`, `#status-${own}`, `#note-${own}`, "#statement"]),
        );
        for (const target of targets) expect(page.getElementById(target?.slice(1) ?? "")).not.toBeNull();
        expect(page.getElementById(`evidence-${action}`)?.getAttribute("value")).toBe("not a link");
        expect(await checkInsAndWall()).toEqual(before);
      });

      it("says a pledge not approved has no commitments to check in on, and records nothing for it", async () => {
        const officer = await signedInOfficer();
        const pledge = await pendingPledge();
        const page = await documentOf(await send(recordCheckInPath(pledge.reference), { token: officer.token }));
        expect(page.text).toContain(
          r.notApproved
            .replace("{reference}", pledge.reference)
            .replace("{status}", words.statuses.pending.toLowerCase()),
        );
        expect(page.querySelector("form[action$='/check-in/']")).toBeNull();
        const before = await checkInsAndWall();
        const response = await send(recordCheckInPath(pledge.reference), {
          token: officer.token,
          form: { statement: "by-phone" },
        });
        expect(response.status).toBe(409);
        expect(await checkInsAndWall()).toEqual(before);
      });

      it.each(endedSessions.slice(0, 3))(
        "sends a recorded check-in with $name to sign in, and records nothing",
        async ({ make }) => {
          const token = await make();
          const { pledge, commitments } = await approvedPledge();
          const before = await checkInsAndWall();
          const form = recordForm(commitments, () => ({ status: "done" }));
          const response = await send(recordCheckInPath(pledge.reference), { token, form });
          expect(response.status).toBe(303);
          expect(response.headers.get("location")).toBe(`${consolePaths.signIn}?ended`);
          expect(await checkInsAndWall()).toEqual(before);
        },
      );

      it("refuses a recorded check-in posted from another site with 403, and records nothing", async () => {
        const officer = await signedInOfficer();
        const { pledge, commitments } = await approvedPledge();
        const before = await checkInsAndWall();
        const form = recordForm(commitments, () => ({ status: "done" }));
        const response = await send(recordCheckInPath(pledge.reference), {
          token: officer.token,
          form,
          headers: { origin: "https://evil.example" },
        });
        expect(response.status).toBe(403);
        expect(await checkInsAndWall()).toEqual(before);
      });
    });
  });

  describe("taking a pledge", () => {
    it("refuses a form with problems with 422 and an error summary linking to the first input of each field", async () => {
      const officer = await signedInOfficer();
      const before = await everything();
      const response = await send(consolePaths.take, {
        token: officer.token,
        form: { channel: "paper", idempotencyKey: crypto.randomUUID() },
      });
      expect(response.status).toBe(422);
      const page = await documentOf(response);
      const targets = page.querySelectorAll(".govuk-error-summary a").map((link) => link.getAttribute("href") ?? "");
      expect(targets).toEqual(expect.arrayContaining(["#kind", "#name", "#formDay", "#privacyStatement"]));
      // Someone pledging by phone or on paper may have no e-mail address.
      expect(targets).not.toContain("#email");
      for (const target of targets) {
        const input = page.getElementById(target.slice(1));
        const field = input?.closest("fieldset") ?? input?.closest(".govuk-form-group");
        expect(field?.querySelector("input, select, textarea"), target).toBe(input);
      }
      expect(await everything()).toEqual(before);
    });

    it("stores a paper pledge with its channel and the form's date, names the officer and e-mails the pledger a receipt", async () => {
      const officer = await signedInOfficer();
      const form = takenPledgeForm({ formDay: "14", formMonth: "2", formYear: "2025" });
      const response = await send(consolePaths.take, { token: officer.token, form });
      expect(response.status).toBe(200);
      const reference = (await documentOf(response)).text.match(/Pledge (SC-[0-9A-Z]+) is stored/)?.[1] ?? "";
      const [stored] = await database.asOwner<{ channel: string; form_dated: string; contact_email: string }>(
        "select channel, to_char(form_dated, 'YYYY-MM-DD') as form_dated, contact_email from public.pledges where reference = $1",
        [reference],
      );
      expect(stored).toEqual({ channel: "paper", form_dated: "2025-02-14", contact_email: form.get("email") });
      const [received] = (await store.show(reference))?.history ?? [];
      expect(received).toMatchObject({ from_status: null, changed_by: `${officer.email} (paper)` });
      // How the notice was given, and the paper's date, wherever the pledge's history is read.
      expect(received?.reason).toBe(
        `${words.take.privacyStatements["given-on-paper"]}; the paper form is dated 2025-02-14`,
      );
      const receipts = (await outbox()).filter((mail) => mail.reference === `receipt ${reference}`);
      expect(receipts.map((mail) => mail.to)).toEqual([form.get("email")]);
    });

    it("stores a pledge taken by phone without an e-mail address: the council is told, and nobody else", async () => {
      const officer = await signedInOfficer();
      const form = takenPledgeForm({ channel: "assisted", formDay: "", formMonth: "", formYear: "", email: "" });
      const emailsBefore = (await outbox()).length;
      const response = await send(consolePaths.take, { token: officer.token, form });
      expect(response.status).toBe(200);
      const page = await documentOf(response);
      const reference = page.text.match(/Pledge (SC-[0-9A-Z]+) is stored/)?.[1] ?? "";
      expect(page.text).not.toContain(words.take.receiptSent);
      expect((await store.show(reference))?.contact_email).toBeNull();
      const sent = (await outbox()).slice(emailsBefore);
      expect(sent.map((mail) => mail.reference)).toEqual([`council-new-pledge ${reference}`]);
    });

    it("stores one pledge when the same form is sent twice", async () => {
      const officer = await signedInOfficer();
      const form = takenPledgeForm();
      const first = await send(consolePaths.take, { token: officer.token, form });
      const second = await send(consolePaths.take, { token: officer.token, form });
      expect([first.status, second.status]).toEqual([200, 200]);
      const rows = await database.asOwner("select reference from public.pledges where contact_email = $1", [
        form.get("email"),
      ]);
      expect(rows).toHaveLength(1);
      expect(
        (await outbox()).filter((mail) => mail.to === form.get("email") && mail.reference.startsWith("receipt")),
      ).toHaveLength(1);
    });
  });

  it("says on the overview how many pledges are set aside, and leads to them", async () => {
    const officer = await signedInOfficer();
    await setAsidePledge();
    const waiting = (await queue().setAsidePledges()).length;
    const page = await documentOf(await send(consolePaths.overview, { token: officer.token }));
    expect(page.text).toContain(words.overview.setAside.replace("{count}", String(waiting)));
    const link = page.querySelectorAll("a").find((each) => each.text === words.overview.setAsideLink);
    expect(link?.getAttribute("href")).toBe(consolePaths.setAside);
  });

  it("downloads the private export as a CSV attachment with contact details, and records who downloaded it", async () => {
    const officer = await signedInOfficer();
    const pledge = await pendingPledge();
    const exports = () =>
      database.asOwner("select 1 from public.officer_activity where action = 'export' and done_by = $1", [
        officer.email,
      ]);
    expect(await exports()).toHaveLength(0);
    const response = await send(consolePaths.export, { token: officer.token, form: { format: "csv" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    expect(await response.text()).toContain(pledge.contact_email ?? "no e-mail");
    expect(await exports()).toHaveLength(1);
  });
});

describe("the static build", () => {
  beforeAll(assertBuilt);

  it("has no file under dist/officer/", () => {
    expect(existsSync(join(distDir, "officer"))).toBe(false);
  });

  it("names the officer's session cookie in no file", async () => {
    const naming = (await filesUnder(distDir)).filter((file) => readFileSync(file, "utf8").includes("officer-session"));
    expect(naming).toEqual([]);
  });

  it("has no page with the console's sign-in words", () => {
    const signInWords = [words.signIn.title, words.signIn.lead, words.signIn.emailLabel, words.signIn.sendCode];
    const showing = htmlPages().filter(({ document }) => signInWords.some((text) => document.text.includes(text)));
    expect(showing.map(({ url }) => url)).toEqual([]);
  });

  it("lists no console page in the sitemap", async () => {
    const sitemaps = (await filesUnder(distDir)).filter((file) => /sitemap-\d+\.xml$/.test(file));
    expect(sitemaps.length).toBeGreaterThan(0);
    const listed = sitemaps.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname),
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter(isConsolePath)).toEqual([]);
  });
});
