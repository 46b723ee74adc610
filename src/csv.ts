/**
 * CSV as spreadsheets read it, with formula injection neutralised: a cell that begins with =, +,
 * -, @, tab or carriage return is prefixed with ' so a spreadsheet shows it as text.
 */

export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cellOf(value: unknown): string {
  const text = neutraliseFormula(
    Array.isArray(value) ? value.join("; ") : value === null || value === undefined ? "" : String(value),
  );
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<Row>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  const lines = [columns.join(","), ...rows.map((row) => columns.map((column) => cellOf(row[column])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
