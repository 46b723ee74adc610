/**
 * Text that stays text, end to end: every naughty string is sent as a name and an own commitment
 * the way the form sends it (through the pledge schema, which normalises it), stored, approved and
 * built into the wall. Then every output a program reads — the Atom feed, the open data JSON and
 * CSV — is read with a strict parser, and every name reads back as it was stored.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits, makePledgeSchema } from "../../../src/pledge/pledge-schema.ts";
import { toNewPledge } from "../../../src/pledge/pledge-service.ts";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { naughtyStrings } from "../../fixtures/naughty-strings.ts";
import { validValues } from "../../fixtures/pledge-values.ts";
import { buildSiteFrom } from "../support/build-site.ts";
import { entryTitles, parseCsv } from "../support/strict-readers.ts";

const schema = makePledgeSchema(() => "2026-11-30");

/** The longest start of the text, in whole characters, that fits the limit. */
function within(text: string, limit: number): string {
  let kept = "";
  for (const character of text) {
    if (kept.length + character.length > limit) break;
    kept += character;
  }
  return kept;
}

let scratch: string;
let out: string;
/** The names as the database holds them, by the pledge's id. */
const stored = new Map<string, string>();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "naughty-wall-"));
  out = join(scratch, "dist");
  const dataDir = join(scratch, "pglite");
  const store = await openPgliteStore(dataDir);
  for (const [index, { text }] of naughtyStrings.entries()) {
    // A visible suffix keeps a name that normalises to nothing (" ", "\u0000") a name at all;
    // a string longer than the form takes is cut, whole characters only, as a person would.
    const suffix = ` ${index}`;
    const parsed = schema.safeParse(
      validValues({
        name: `${within(text, limits.name - suffix.length)}${suffix}`,
        commitment: within(text, limits.commitment),
      }),
    );
    if (!parsed.success) throw new Error(`the schema refused naughty string ${index}: ${parsed.error.message}`);
    const row = toNewPledge(parsed.data, {
      idempotencyKey: crypto.randomUUID(),
      charterVersion: "2020-01",
      acknowledgedAt: new Date().toISOString(),
      channel: "online",
    });
    const outcome = await store.submit(row);
    if (outcome.outcome !== "created") throw new Error(`naughty string ${index} was not stored as new`);
    // Its author confirms it, as the form's pledges must be before review.
    await store.confirmByLink(outcome.reference);
    const record = await store.show(outcome.reference);
    if (!record) throw new Error("a stored pledge vanished");
    await store.setStatus({ id: record.id, status: "approved", actor: "test", reason: "test" });
    stored.set(record.id, row.name);
  }
  await store.db.close();
  await buildSiteFrom(dataDir, out);
}, 300_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("a wall of approved naughty strings", () => {
  it("stores every one of them", () => {
    expect(stored.size).toBe(naughtyStrings.length);
  });

  it("publishes an Atom feed a strict XML parser reads, each entry titled with a stored name", async () => {
    const titles = entryTitles(await readFile(join(out, "signatories/feed.xml"), "utf8"));
    expect(titles.length).toBeGreaterThan(0);
    const names = new Set(stored.values());
    for (const title of titles) expect(names).toContain(title);
  });

  it("publishes JSON that parses and holds every name exactly as stored", async () => {
    const data = JSON.parse(await readFile(join(out, "data/signatories.json"), "utf8")) as {
      signatories: { id: string; name: string }[];
    };
    expect(new Map(data.signatories.map((signatory) => [signatory.id, signatory.name]))).toEqual(stored);
  });

  it("publishes a CSV that RFC 4180 reads, a row for each, every name as stored or neutralised", async () => {
    const csv = await readFile(join(out, "data/signatories.csv"), "utf8");
    const [header = [], ...rows] = parseCsv(csv.replace(/^\uFEFF/, ""));
    const [idAt, nameAt] = [header.indexOf("id"), header.indexOf("name")];
    expect(rows).toHaveLength(stored.size);
    for (const row of rows) {
      const name = stored.get(row[idAt] ?? "") ?? "";
      // A spreadsheet formula is kept as text behind an apostrophe (DESIGN.md).
      expect([name, `'${name}`]).toContain(row[nameAt]);
    }
  });

  it("shows each name as text on its signatory's own page", async () => {
    for (const [id, name] of stored) {
      const page = parse(await readFile(join(out, "signatory", id, "index.html"), "utf8"));
      expect(page.querySelector("h1")?.text).toBe(name);
    }
  });
});
