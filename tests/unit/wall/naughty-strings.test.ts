/**
 * Any value the database may hold, as a name and a commitment, must leave the feed, the open
 * data JSON and the CSV well-formed, and read back as it went in, less only what the format
 * cannot hold at all. Each output is read with a parser, never with the code that wrote it.
 */
import { describe, expect, it } from "vitest";
import { atomFeed } from "../../../src/wall/atom-feed.ts";
import { openDataColumns, openDataCsv, openDataJson } from "../../../src/wall/open-data.ts";
import type { PublicSignatory } from "../../../src/wall/public-signatories.ts";
import { naughtyStrings } from "../../fixtures/naughty-strings.ts";
import { entryTitles, parseCsv, xmlChar } from "../../integration/support/strict-readers.ts";

const site = "https://charter.example";
const cases = naughtyStrings.map(({ group, text }) => ({
  label: `${group}: ${JSON.stringify(text).slice(0, 40)}`,
  text,
}));

const signatoryWith = (text: string, index = 0): PublicSignatory => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  name: text,
  kind: "business",
  ward: null,
  website: null,
  actions: ["buying-locally"],
  commitment: text,
  target_date: null,
  listed_at: new Date(Date.UTC(2026, 10, 25, 10, 0, index)).toISOString(),
});

/** Every signatory at the first level: the levels have their own tests (levels.test.ts). */
const standings = (signatories: PublicSignatory[]) =>
  new Map(
    signatories.map((s) => [
      s.id,
      { level: "signatory", since: s.listed_at, lapsed: false, lastUpdated: s.listed_at, reached: [] },
    ]),
  );

const onlyXmlChars = (text: string) => [...text].filter((character) => xmlChar.test(character)).join("");

/** What UTF-8 can carry: everything but half a surrogate pair. */
const withoutLoneSurrogates = (text: string) => text.replace(/[\ud800-\udfff]/gu, "");

/**
 * The document survives being written as UTF-8 and read back by a decoder that refuses mistakes
 * (and keeps a byte order mark, which the CSV starts with, as text).
 */
const asUtf8 = (text: string) =>
  new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(Buffer.from(text, "utf8"));

/** A spreadsheet takes the CSV's byte order mark as the encoding, not as part of the first cell. */
function withoutByteOrderMark(csv: string): string {
  if (!csv.startsWith("\uFEFF")) throw new Error("the CSV does not start with a byte order mark");
  return csv.slice(1);
}

const formulaStart = /^[=+\-@\t\r]/;

describe("the Atom feed with a naughty name", () => {
  it.each(cases)("is well-formed XML and keeps every character XML can hold ($label)", ({ text }) => {
    const feed = atomFeed([signatoryWith(text)], { site, title: "New signatories", author: "The council" });
    expect(asUtf8(feed)).toBe(feed);
    expect(entryTitles(feed)).toEqual([onlyXmlChars(text)]);
  });
});

describe("the open data JSON with a naughty name and commitment", () => {
  it.each(cases)("parses and reads back exactly ($label)", ({ text }) => {
    const json = openDataJson([signatoryWith(text)], standings([signatoryWith(text)]), site);
    expect(asUtf8(json)).toBe(json);
    const [row] = (JSON.parse(json) as { signatories: Record<string, unknown>[] }).signatories;
    expect(row?.name).toBe(text);
    expect(row?.commitment).toBe(text);
  });
});

describe("the open data CSV with a naughty name and commitment", () => {
  it.each(cases)("parses strictly, reads back, and never starts a cell with a formula ($label)", ({ text }) => {
    const csv = openDataCsv([signatoryWith(text)], standings([signatoryWith(text)]));
    expect(asUtf8(csv)).toBe(csv);
    const [header, row, ...rest] = parseCsv(withoutByteOrderMark(csv));
    expect(header).toEqual(Object.keys(openDataColumns));
    expect(rest).toEqual([]);
    const cell = (column: string) => row?.[header?.indexOf(column) ?? -1] ?? "";
    for (const column of ["name", "commitment"]) {
      expect(cell(column)).not.toMatch(formulaStart);
      // The ' a spreadsheet needs to show a formula as text is the only thing added.
      expect(cell(column).replace(/^'(?=[=+\-@\t\r])/, "")).toBe(withoutLoneSurrogates(text));
    }
  });

  it("keeps one record per signatory with every naughty string in one file", () => {
    const signatories = naughtyStrings.map(({ text }, index) => signatoryWith(text, index));
    const [, ...rows] = parseCsv(withoutByteOrderMark(openDataCsv(signatories, standings(signatories))));
    expect(rows.map((row) => row[0])).toEqual(signatories.map((signatory) => signatory.id));
  });
});

describe("the readers these tests trust", () => {
  it("refuse what is not well-formed", () => {
    expect(() => entryTitles("<feed><entry><title>\uffff</title></entry></feed>")).toThrow(/not an XML character/);
    expect(() => entryTitles("<feed><entry><title>a & b</title></entry></feed>")).toThrow();
    expect(() => parseCsv('a,b"c\r\n')).toThrow(/quote inside/);
    expect(() => parseCsv("a,b\nc,d\r\n")).toThrow(/comma or CRLF/);
    expect(() => asUtf8("\ud800")).not.toThrow();
    expect(asUtf8("\ud800")).not.toBe("\ud800");
  });
});
