/**
 * A pledger's change as an officer reads it: each changed public field by the label the pledge's
 * page gives it, its values written as that page writes them (kinds, areas and actions by their
 * names, dates as people in the UK write them), and what became of the change. Private details
 * are named, never shown: the change keeps no values of them.
 */
import { visibleText } from "../moderation/officer-view.ts";
import type { ListingId } from "../pledge/pledge-catalogue.ts";
import { formWords } from "../pledge-form/form-words.ts";
import { html, type Markup } from "../pledge-form/html.ts";
import type { PledgeRecord } from "../storage/pledge-store.ts";
import type { PledgeChange, PublicFields } from "../storage/pledger-store.ts";
import { actionNames, givenDate, kindName, wardName } from "../wall/wall-view.ts";
import { say, ukDateTime, consoleWords as words } from "./console-words.ts";

type PublicField = keyof PublicFields;

const fields = words.pledge.fields;
const fieldLabels: Record<PublicField, string> = {
  name: fields.name,
  kind: fields.kind,
  ward: fields.ward,
  website: fields.website,
  actions: fields.actions,
  commitment: fields.commitment,
  target_date: fields.targetDate,
  listing: fields.listing,
};
// The order the pledge's page lists its fields in, whatever order the database kept them in.
const fieldOrder = Object.keys(fieldLabels) as PublicField[];

const privateLabels: Record<string, string> = { contact_name: fields.contactName, contact_email: fields.contactEmail };

/** A value as the lines it is shown in: the actions one a line, words with their own line breaks. */
export function shownValue(field: PublicField, value: unknown): string[] {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
    return [words.pledge.notGiven];
  }
  switch (field) {
    case "kind":
      return [kindName(String(value))];
    case "ward":
      return [wardName(String(value)) ?? words.pledge.notGiven];
    case "actions":
      return actionNames((value as unknown[]).map(String)).map(visibleText);
    case "target_date":
      return [givenDate(String(value))];
    case "listing":
      return [formWords.fields.listing.options[value as ListingId]?.label ?? String(value)];
    default:
      return visibleText(String(value)).split("\n");
  }
}

export interface ChangedField {
  label: string;
  before: string[];
  after: string[];
}

/**
 * The fields a change sets, in the page's order. Before is what the pledge shows now when it is
 * given (the approved version the wall keeps), otherwise what the change replaced.
 */
export function changedFields(change: PledgeChange, shownNow?: PledgeRecord): ChangedField[] {
  return fieldOrder
    .filter((field) => Object.hasOwn(change.proposed, field))
    .map((field) => ({
      label: fieldLabels[field],
      before: shownValue(field, shownNow ? shownNow[field] : change.previous[field]),
      after: shownValue(field, change.proposed[field]),
    }));
}

/**
 * Changed fields as a GOV.UK table, field by field, in a region that scrolls on a narrow screen
 * rather than the page: the change waiting, each earlier change and a check-in's answers are read
 * the same way.
 */
export function changeTable(table: {
  label: string;
  caption?: string;
  /** What the first column's headings name: fields, unless said otherwise. */
  firstColumn?: string;
  before: string;
  after: string;
  fields: ChangedField[];
}): Markup {
  const lines = (values: string[]) => values.map((line, index) => html`${index > 0 && html`<br>`}${line}`);
  return html`<div class="site-table-scroll" tabindex="0" role="region" aria-label="${table.label}">
<table class="govuk-table govuk-!-margin-bottom-4">
${table.caption && html`<caption class="govuk-table__caption govuk-table__caption--s">${table.caption}</caption>`}
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">${table.firstColumn ?? words.changes.field}</th>
<th scope="col" class="govuk-table__header">${table.before}</th>
<th scope="col" class="govuk-table__header">${table.after}</th>
</tr></thead>
<tbody class="govuk-table__body">
${table.fields.map(
  (field) => html`<tr class="govuk-table__row">
<th scope="row" class="govuk-table__header">${field.label}</th>
<td class="govuk-table__cell">${lines(field.before)}</td>
<td class="govuk-table__cell">${lines(field.after)}</td>
</tr>`,
)}
</tbody>
</table>
</div>`;
}

/** The private details a change made at once, by name. */
export const privateFieldNames = (change: PledgeChange) =>
  change.private_fields.map((field) => privateLabels[field] ?? field);

/** One line for what became of a change that no longer waits. */
export function changeOutcomeText(change: PledgeChange): string {
  const c = words.changes;
  const asked = ukDateTime(change.requested_at);
  const decided = change.decided_at ? ukDateTime(change.decided_at) : "";
  const officer = change.decided_by ?? "";
  switch (change.outcome) {
    case "applied":
      return say(c.historyApplied, { date: asked });
    case "approved":
      return say(c.historyApproved, { date: asked, officer, decided });
    case "rejected":
      return say(c.historyRejected, { date: asked, officer, decided });
    case "superseded":
      return say(c.historySuperseded, { date: asked, reason: visibleText(change.reason ?? c.historyNoReason) });
    case "waiting":
      return say(c.historyWaiting, { date: asked });
  }
}

/** The pledge's earlier changes, newest first: the one waiting has its own place on the page. */
export const earlierChanges = (changes: PledgeChange[]) => changes.filter((change) => change.outcome !== "waiting");
