/**
 * CSV as spreadsheets read it, with formula injection neutralised: a cell that begins with =, +,
 * -, @, tab or carriage return is prefixed with ' so a spreadsheet shows it as text. Half a
 * surrogate pair cannot be written in UTF-8, so it is left out (before the formula check, so it
 * cannot hide an = at the start of a cell).
 */

const loneSurrogate = /[\uD800-\uDFFF]/gu;

export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cellOf(value: unknown): string {
  const raw = Array.isArray(value) ? value.join("; ") : value === null || value === undefined ? "" : String(value);
  const text = neutraliseFormula(raw.replace(loneSurrogate, ""));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<Row>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  const lines = [columns.join(","), ...rows.map((row) => columns.map((column) => cellOf(row[column])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
