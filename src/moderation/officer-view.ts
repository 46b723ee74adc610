/**
 * What an officer reads in a terminal: every value whole, wrapped to the width available, with
 * characters a terminal would hide or obey (control codes, direction overrides, zero-width and
 * non-characters) shown as their code points, so nothing can be missed and nothing can act.
 */
import words from "../../content/pledges-cli.json" with { type: "json" };
import type { PledgeRecord, PledgeSummary, StatusChange } from "../storage/pledge-store.ts";

/** Fills {placeholders}; a placeholder without a value is a mistake in content/pledges-cli.json. */
export function fillWords(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined)
      throw new Error(`content/pledges-cli.json uses {${key}}, which this message does not have`);
    return String(value);
  });
}

// Controls (but the line break), format characters (but the joiner inside emoji sequences),
// lone surrogates and non-characters.
const hidden = /(?!\n|\u200d)[\p{Cc}\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}]/gu;

export function visibleText(text: string): string {
  return text.replace(
    hidden,
    (character) => `⟨U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
const lengthOf = (text: string) => [...graphemes.segment(text)].length;

/** Splits text into lines of at most `width` characters, at spaces where it can, never dropping any. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of visibleText(text).split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const joined = line === "" ? word : `${line} ${word}`;
      if (lengthOf(joined) <= width) {
        line = joined;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      let rest = word;
      while (lengthOf(rest) > width) {
        const pieces = [...graphemes.segment(rest)].map((piece) => piece.segment);
        lines.push(pieces.slice(0, width).join(""));
        rest = pieces.slice(width).join("");
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

const text = (value: unknown): string =>
  value === null || value === undefined ? "" : Array.isArray(value) ? value.join(", ") : String(value);

/** Labelled values, each wrapped beside its label and continued under the value column. */
export function fieldBlock(fields: [label: string, value: unknown][], width: number): string {
  const labelWidth = Math.max(0, ...fields.map(([label]) => label.length));
  const valueWidth = Math.max(20, width - labelWidth - 2);
  const indent = " ".repeat(labelWidth + 2);
  return fields
    .flatMap(([label, value]) =>
      wrapText(text(value), valueWidth).map((line, index) =>
        `${index === 0 ? `${label.padEnd(labelWidth)}  ` : indent}${line}`.trimEnd(),
      ),
    )
    .join("\n");
}

function historyLine(change: StatusChange): string {
  const values = {
    changedAt: change.changed_at,
    from: change.from_status ?? words.historyCreated,
    to: change.to_status,
    changedBy: change.changed_by,
    reason: change.reason ?? "",
  };
  return fillWords(change.reason ? words.historyEntryWithReason : words.historyEntry, values);
}

/** Everything held about one pledge, then its history, each line at most `width` wide. */
export function recordView(record: PledgeRecord, width: number): string {
  const { history, ...fields } = record;
  const changes = history.flatMap((change) =>
    wrapText(historyLine(change), width - 2).map((line, index) => `${index === 0 ? "" : "  "}${line}`),
  );
  return [fieldBlock(Object.entries(fields), width), "", words.historyHeading, ...changes].join("\n");
}

/** The list of pledges: one row each, nothing cut; the name comes last so a long one only runs on. */
export function summaryTable(rows: PledgeSummary[]): string {
  const columns = ["reference", "status", "kind", "created_at", "id", "name"] as const;
  const cells = rows.map((row) => columns.map((column) => visibleText(text(row[column])).replace(/\s+/g, " ")));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((row) => lengthOf(row[index] ?? ""))),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => value + " ".repeat(Math.max(0, (widths[index] ?? 0) - lengthOf(value))))
      .join("  ")
      .trimEnd();
  return [line(columns), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}
