/**
 * Where each field's error points and how the error summary lists them: shared by the form's
 * renderer and the browser's check, which must not carry the whole form to show errors.
 */
import type { FieldErrors, PledgeFieldName } from "../pledge/pledge-rules.ts";
import { errorSummary } from "./govuk-fields.ts";
import type { Markup } from "./html.ts";

export const pledgeEndpoint = "/api/pledge";

/** Where the error summary sends focus for each field: its first input. */
export const fieldAnchor: Record<PledgeFieldName, string> = {
  kind: "kind",
  name: "name",
  ward: "ward",
  website: "website",
  actions: "actions",
  commitment: "commitment",
  targetDate: "targetDay",
  contactName: "contactName",
  email: "email",
  listing: "listing",
  privacy: "privacy",
};

export function errorSummaryOf(errors: FieldErrors, title: string): Markup | "" {
  const entries = Object.entries(errors) as [PledgeFieldName, string][];
  return errorSummary(
    title,
    entries.map(([field, message]) => ({ href: `#${fieldAnchor[field]}`, message })),
  );
}
