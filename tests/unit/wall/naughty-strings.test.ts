/**
 * Any value the database may hold, as a name and a commitment, must leave the feed, the open
 * data JSON and the CSV well-formed, and read back as it went in, less only what the format
 * cannot hold at all. Each output is read with a parser, never with the code that wrote it.
 */
import sax from "sax";
import { describe, expect, it } from "vitest";
import { atomFeed } from "../../../src/wall/atom-feed.ts";
import { openDataColumns, openDataCsv, openDataJson } from "../../../src/wall/open-data.ts";
import type { PublicSignatory } from "../../../src/wall/public-signatories.ts";
import { naughtyStrings } from "../../fixtures/naughty-strings.ts";

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

/** The Char production of XML 1.0 (section 2.2). */
const xmlChar = /[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
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

/** Reads XML with sax in strict mode, after checking every character against the Char production. */
function entryTitles(xml: string): string[] {
  const stray = [...xml].find((character) => !xmlChar.test(character));
  if (stray !== undefined) throw new Error(`U+${stray.codePointAt(0)?.toString(16)} is not an XML character`);
  const parser = sax.parser(true);
  const titles: string[] = [];
  const open: string[] = [];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    open.push(tag.name);
    if (tag.name === "title" && open.at(-2) === "entry") titles.push("");
  };
  parser.onclosetag = () => void open.pop();
  const onText = (text: string) => {
    if (open.at(-1) === "title" && open.at(-2) === "entry") titles[titles.length - 1] += text;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  // A conforming XML processor reads every literal CR, or CR LF, as LF (XML 1.0, 2.11); sax does not.
  parser.write(xml.replace(/\r\n?/g, "\n")).close();
  return titles;
}

/** RFC 4180, strictly: quoted cells may hold anything, unquoted ones no quote or line break. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < csv.length) {
    let cell = "";
    if (csv[at] === '"') {
      at += 1;
      for (;;) {
        if (at >= csv.length) throw new Error("a quoted cell never ends");
        if (csv[at] === '"') {
          if (csv[at + 1] !== '"') break;
          at += 1;
        }
        cell += csv[at];
        at += 1;
      }
      at += 1;
    } else {
      while (at < csv.length && !",\r\n".includes(csv[at] ?? "")) {
        if (csv[at] === '"') throw new Error(`a quote inside an unquoted cell at ${at}`);
        cell += csv[at];
        at += 1;
      }
    }
    row.push(cell);
    if (csv[at] === ",") {
      at += 1;
    } else if (csv.startsWith("\r\n", at)) {
      rows.push(row);
      row = [];
      at += 2;
    } else {
      throw new Error(`${JSON.stringify(csv[at] ?? "the end")} where a comma or CRLF should be, at ${at}`);
    }
  }
  if (row.length > 0) throw new Error("the last record has no CRLF");
  return rows;
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
    const json = openDataJson([signatoryWith(text)], site);
    expect(asUtf8(json)).toBe(json);
    const [row] = (JSON.parse(json) as { signatories: Record<string, unknown>[] }).signatories;
    expect(row?.name).toBe(text);
    expect(row?.commitment).toBe(text);
  });
});

describe("the open data CSV with a naughty name and commitment", () => {
  it.each(cases)("parses strictly, reads back, and never starts a cell with a formula ($label)", ({ text }) => {
    const csv = openDataCsv([signatoryWith(text)]);
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
    const [, ...rows] = parseCsv(withoutByteOrderMark(openDataCsv(signatories)));
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
