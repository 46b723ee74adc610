/**
 * The council's private export of pledges, as CSV or JSON (src/csv.ts neutralises formulas).
 */
import { toCsv } from "../csv.ts";
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

export function toPrivateCsv(records: PledgeRecord[]): string {
  return toCsv(exportColumns, records);
}

export function toPrivateJson(records: PledgeRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
