/**
 * The council's private export of pledges, as CSV or JSON. CSV cells that a spreadsheet would
 * run as a formula (starting =, +, -, @, tab or carriage return) are prefixed with ' so they
 * show as text.
 */
import type { PledgeRecord } from "../storage/pledge-store.ts";

export const exportColumns = [
  "reference",
  "status",
  "name",
  "kind",
  "ward",
  "website",
  "actions",
  "commitment",
  "target_date",
  "contact_name",
  "contact_email",
  "listing",
  "channel",
  "charter_version",
  "created_at",
  "decided_at",
] as const;

export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(value: unknown): string {
  const text = neutraliseFormula(
    Array.isArray(value) ? value.join("; ") : value === null || value === undefined ? "" : String(value),
  );
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(records: PledgeRecord[]): string {
  const lines = [
    exportColumns.join(","),
    ...records.map((record) => exportColumns.map((column) => csvCell(record[column])).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

export function toJson(records: PledgeRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
