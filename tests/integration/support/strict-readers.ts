/**
 * Readers that refuse what a careful program would refuse: the Atom feed through sax in strict
 * mode after checking every character against XML 1.0's Char production, and CSV by RFC 4180
 * to the letter. Tests read the site's outputs with these, never with the code that wrote them.
 */
import sax from "sax";

/** The Char production of XML 1.0 (section 2.2). */
export const xmlChar = /[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** Reads XML with sax in strict mode, after checking every character against the Char production. */
export function entryTitles(xml: string): string[] {
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
export function parseCsv(csv: string): string[][] {
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
