/**
 * Hostile input, generated: 10,300 requests to the real pledge handler with random and
 * malformed bodies, wrong and missing content types, invalid UTF-8, prototype-pollution keys,
 * deep nesting, huge fields and header tricks. Whatever arrives: no 5xx, no unhandled rejection,
 * every refusal a 4xx that says why, and nothing invalid stored.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueFormToken } from "../../../src/pledge/form-token.ts";
import { makePledgeSchema, pledgeFieldNames } from "../../../src/pledge/pledge-schema.ts";
import { createPledgeService } from "../../../src/pledge/pledge-service.ts";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";
import { journeyEnd, journeyStart } from "../../../src/pledge-form/page-shell.ts";
import { createPledgeHandler } from "../../../src/pledge-http/pledge-handler.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import { formBody, validValues } from "../../fixtures/pledge-values.ts";

const site = "https://charter.example";
const secret = "fuzz-secret";
const now = Date.parse("2026-11-25T12:00:00Z");
const shell = `<html><head><title>Make a pledge – Stevenage Charter</title></head><body>${journeyStart}${journeyEnd}</body></html>`;

let database: PgliteStore;
let handler: ReturnType<typeof createPledgeHandler>;
/** The status of each request the handler answered and whose answer passed every check. */
const answered: number[] = [];

beforeAll(async () => {
  database = await openPgliteStore();
  const unlimited = () => new RateLimiter([{ limit: Number.MAX_SAFE_INTEGER, windowSeconds: 1 }]);
  handler = createPledgeHandler({
    handle: createPledgeService({
      store: async () => database,
      secret,
      charterVersion: "2020-01",
      checkLimiter: unlimited(),
      submitLimiter: unlimited(),
      now: () => now,
    }),
    loadShell: async () => shell,
    allowedOrigins: [],
    log: () => {},
  });
}, 60_000);
afterAll(() => database?.db.close());

/** The answer must be a deliberate one: never 5xx, and any refusal explains itself. */
async function expectDeliberateAnswer(request: Request) {
  const response = await handler(request, { ip: "192.0.2.1" });
  expect(response.status, `status for ${request.method} ${request.headers.get("content-type")}`).toBeLessThan(500);
  if (response.status >= 400) {
    const type = response.headers.get("content-type") ?? "";
    const text = await response.text();
    if (type.includes("json")) {
      const body = JSON.parse(text) as { message?: unknown };
      expect(typeof body.message === "string" && body.message.length > 0, text.slice(0, 200)).toBe(true);
    } else {
      expect(type).toContain("text/html");
      expect(text).toContain("govuk-error-summary");
    }
  }
  answered.push(response.status);
  return response;
}

/**
 * Runs a property whose every run sends one request, checks the handler answered each of them
 * deliberately, and gives the statuses it answered with: counted per test, so it holds whichever
 * tests run and in whatever order.
 */
async function expectEveryRunAnswered<T extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<T>,
  numRuns: number,
): Promise<number[]> {
  const before = answered.length;
  await fc.assert(property, { numRuns });
  const statuses = answered.slice(before);
  expect(statuses, "requests answered deliberately").toHaveLength(numRuns);
  return [...new Set(statuses)];
}

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=iso-8859-1",
  "text/plain",
  "multipart/form-data; boundary=----x",
  "application/xml",
  "application/json-patch+json",
  "",
  "application/x-www-form-urlencoded, application/json",
  ";;;",
);
const methods = fc.constantFrom("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS");
const origins = fc.constantFrom(
  undefined,
  site,
  "https://evil.example",
  "null",
  "http://charter.example",
  `${site}.evil.example`,
);
// Every answer the form has, the fields around it, and names that attack object prototypes.
const fieldNames = fc.constantFrom(
  ...pledgeFieldNames.filter((name) => name !== "targetDate"),
  ...["targetDay", "targetMonth", "targetYear", "intent", "token", "nickname"],
  ...["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"],
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fieldNames, tie("value"), { maxKeys: 4 }),
  ),
})).value;

function request(
  method: string,
  type: string,
  body: BodyInit | null,
  origin?: string,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extra };
  if (type) headers["content-type"] = type;
  if (origin) headers.origin = origin;
  return new Request(`${site}/api/pledge`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? null : body,
  });
}

describe("the pledge handler under hostile input", () => {
  it("answers random bytes with any content type, method and origin deliberately", async () => {
    const statuses = await expectEveryRunAnswered(
      fc.asyncProperty(
        methods,
        contentTypes,
        origins,
        fc.uint8Array({ maxLength: 2048 }),
        async (method, type, origin, bytes) => {
          await expectDeliberateAnswer(request(method, type, bytes, origin));
        },
      ),
      2500,
    );
    // Each gate was reached: method, origin, content type, and the schema behind them.
    expect(statuses).toEqual(expect.arrayContaining([403, 405, 415, 422]));
  }, 120_000);

  it("answers random JSON, including prototype-pollution keys and nested values, deliberately", async () => {
    const statuses = await expectEveryRunAnswered(
      fc.asyncProperty(fc.dictionary(fieldNames, anyJson, { maxKeys: 16 }), async (body) => {
        await expectDeliberateAnswer(request("POST", "application/json", JSON.stringify(body), site));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      2500,
    );
    // Some bodies got past the reading of the request to the schema, which refused them by field.
    expect(statuses).toContain(422);
  }, 120_000);

  it("answers random form posts, including invalid percent-encoding and repeated keys, deliberately", async () => {
    const pair = fc.tuple(fieldNames, fc.string({ unit: "binary", maxLength: 300 }));
    const rawEscapes = fc.constantFrom("%", "%G1", "%FF%FE", "%C3%28", "%ED%A0%80", "%00", "+", "&&&", "=");
    const statuses = await expectEveryRunAnswered(
      fc.asyncProperty(
        fc.array(pair, { maxLength: 20 }),
        fc.array(rawEscapes, { maxLength: 5 }),
        async (pairs, escapes) => {
          const params = new URLSearchParams();
          for (const [name, value] of pairs) params.append(name, value);
          const body = `${params.toString()}&name=${escapes.join("")}`;
          await expectDeliberateAnswer(request("POST", "application/x-www-form-urlencoded", body, site));
        },
      ),
      2500,
    );
    // Some bodies got past the reading of the request to the schema, which refused them by field.
    expect(statuses).toContain(422);
  }, 120_000);

  it("answers deep nesting, huge fields and lying headers deliberately", async () => {
    const shapes = fc.oneof(
      fc.integer({ min: 1, max: 200_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
      fc.integer({ min: 1, max: 50_000 }).map((depth) => `{"name":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`),
      fc
        .integer({ min: 10_000, max: 100_000 })
        .map((size) => JSON.stringify({ ...validValues(), commitment: "é".repeat(size) })),
      fc
        .integer({ min: 0, max: 4 })
        .map((n) => JSON.stringify({ ...validValues(), name: "\u202E".repeat(n) + "x".repeat(200) })),
    );
    const lies = fc.constantFrom<Record<string, string>>(
      {},
      { "content-length": "0" },
      { "content-length": "5" },
      { "content-length": "-1" },
      { "content-length": "99999999999" },
      { "sec-fetch-site": "cross-site" },
      { "transfer-encoding": "chunked" },
    );
    const statuses = await expectEveryRunAnswered(
      fc.asyncProperty(shapes, lies, async (body, headers) => {
        await expectDeliberateAnswer(request("POST", "application/json", body, site, headers));
      }),
      300,
    );
    // The size limit answered, as well as the reading of the request.
    expect(statuses).toEqual(expect.arrayContaining([400, 413]));
  }, 120_000);

  it("stores only valid pledges when signed submissions carry mutated answers", async () => {
    const mutation = fc.record(
      {
        name: fc.string({ unit: "grapheme", maxLength: 140 }),
        email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 })),
        website: fc.oneof(fc.constant(""), fc.webUrl(), fc.string({ maxLength: 30 })),
        actions: fc.array(fc.oneof(fc.constantFrom("cooperatives", "buying-locally"), fc.string({ maxLength: 10 })), {
          maxLength: 3,
        }),
        commitment: fc.string({ unit: "binary", maxLength: 1100 }),
        listing: fc.constantFrom("organisation-name", "name-and-area", "count-only", "everywhere"),
        ward: fc.constantFrom("", "bedwell", "atlantis"),
      },
      { requiredKeys: [] },
    );
    const statuses = await expectEveryRunAnswered(
      fc.asyncProperty(mutation, fc.boolean(), async (changes, asForm) => {
        // A token of its own for each submission, so each is a new pledge, not a replay.
        const token = await issueFormToken(secret, now - 10_000);
        const values = { ...validValues(), ...changes };
        const body = asForm
          ? formBody(values, { intent: "submit", token })
          : JSON.stringify({ ...values, intent: "submit", token });
        await expectDeliberateAnswer(
          request("POST", asForm ? "application/x-www-form-urlencoded" : "application/json", body, site),
        );
      }),
      2500,
    );
    // Some mutations were refused by field, and some stored.
    expect(statuses).toContain(422);
    const schema = makePledgeSchema(() => "2026-11-25");
    const { rows } = await database.db.query<Record<string, unknown>>("select * from public.pledges");
    // Some mutations leave the answers valid, so some pledges are stored and checked here.
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const again = schema.safeParse({
        kind: row.kind,
        name: row.name,
        ward: row.ward ?? "",
        website: row.website ?? "",
        actions: row.actions,
        commitment: row.commitment ?? "",
        contactName: row.contact_name,
        email: row.contact_email,
        listing: row.listing,
        privacy: "yes",
      });
      expect(again.success, JSON.stringify(row).slice(0, 300)).toBe(true);
    }
  }, 180_000);
});
