/**
 * The pages of managing a pledge: asking for the link again (the static /pledge/manage/, and
 * the function's answers drawn in it), the pledge whole with what may be done with it, the change
 * form, the answers to a change, and confirming a new address. Words from
 * content/pledge-manage.json; the pledge's answers are shown as "check your answers" shows them.
 */
import words from "../../content/pledge-manage.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import { manageEndpoint } from "../pledge/manage-key.ts";
import { changeFormValues, type ManageOutcome } from "../pledge/manage-service.ts";
import type { FieldErrors, Pledge, PledgeFieldName } from "../pledge/pledge-schema.ts";
import { fieldOfColumn, type PledgeValues } from "../pledge/pledge-service.ts";
import type { PledgeRecord } from "../storage/pledge-store.ts";
import type { PledgerView, PublicFields } from "../storage/pledger-store.ts";
import { formWords } from "./form-words.ts";
import { errorSummary, textInput } from "./govuk-fields.ts";
import { html, type Markup } from "./html.ts";
import { answerRows } from "./render-check-answers.ts";
import { renderErrorSummary, renderPledgeForm } from "./render-pledge-form.ts";
import { renderProblem } from "./render-problem.ts";

export const manageWords = words;

export type LinkField = "ref" | "email";

const contactLink = html`<p class="govuk-body"><a class="govuk-link" href="/contact/">${words.contactLinkText}</a></p>`;
const paragraph = (text: string) => html`<p class="govuk-body">${text}</p>`;
const fieldState = (id: string, error: string | undefined, hint?: string) => ({
  id,
  error,
  hint,
  errorPrefix: formWords.errorPrefix,
});

/** Asking for the link again: the reference and the address it was made with. */
export function renderSendLinkForm({
  reference = "",
  email = "",
  errors = {},
  problem,
  heading = true,
}: {
  reference?: string;
  email?: string;
  errors?: Partial<Record<LinkField, string>>;
  problem?: string | undefined;
  heading?: boolean;
} = {}): Markup {
  const summary = problem
    ? renderProblem(problem)
    : errorSummary(
        formWords.errorSummaryTitle,
        (["ref", "email"] as const).flatMap((id) => (errors[id] ? [{ href: `#${id}`, message: errors[id] }] : [])),
      );
  return html`${summary}${heading ? html`<h1 class="govuk-heading-xl">${words.title}</h1>` : ""}
${words.intro.map(paragraph)}
<form method="post" action="${manageEndpoint}" novalidate>
<input type="hidden" name="intent" value="send-link">
${textInput({ ...fieldState("ref", errors.ref, words.referenceHint), name: "ref", label: words.referenceLabel, value: reference, autocomplete: "off", autocapitalize: "none", spellcheck: false, width: "10" })}
${textInput({ ...fieldState("email", errors.email), name: "email", label: words.emailLabel, value: email, type: "email", autocomplete: "email", spellcheck: false })}
<button type="submit" class="govuk-button" data-module="govuk-button">${words.sendLinkButton}</button>
</form>`;
}

export function renderLinkSent(reference: string): Markup {
  return html`<h1 class="govuk-heading-l">${words.linkSent.title}</h1>
${paragraph(fillTemplate(words.linkSent.body, { reference }))}
${paragraph(words.linkSent.help)}
${contactLink}`;
}

export function renderInvalidManageLink(): Markup {
  return html`<h1 class="govuk-heading-l">${words.invalidLink.title}</h1>
${paragraph(words.invalidLink.body)}
${renderSendLinkForm({ heading: false })}`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
const dayOf = (iso: string) => dateFormat.format(new Date(iso));

/** The pledge's answers in the shape "check your answers" shows. */
function answersOf(
  record: Pick<PledgeRecord, "contact_name" | "contact_email">,
  fields: Partial<PublicFields>,
): Pledge {
  return {
    kind: fields.kind ?? "",
    name: fields.name ?? "",
    ward: fields.ward ?? undefined,
    website: fields.website ?? undefined,
    actions: fields.actions ?? [],
    commitment: fields.commitment ?? "",
    targetDate: fields.target_date ?? undefined,
    contactName: record.contact_name ?? "",
    email: record.contact_email ?? "",
    listing: fields.listing ?? "count-only",
  } as Pledge;
}

const publicOf = (record: PledgeRecord): PublicFields => ({
  name: record.name ?? "",
  kind: record.kind,
  ward: record.ward,
  website: record.website,
  actions: record.actions,
  commitment: record.commitment,
  target_date: record.target_date,
  listing: record.listing,
});

const privateFields = new Set<PledgeFieldName>(["contactName", "email"]);

function summaryList(rows: { key: string; value: Markup | string }[]): Markup {
  return html`<dl class="govuk-summary-list">
${rows.map(
  (row) => html`<div class="govuk-summary-list__row">
<dt class="govuk-summary-list__key">${row.key}</dt>
<dd class="govuk-summary-list__value">${row.value}</dd>
</div>`,
)}
</dl>`;
}

/** What a waiting change will change, each answer as it is shown now and after the check. */
function waitingTable(view: PledgerView & { waiting: NonNullable<PledgerView["waiting"]> }): Markup {
  const current = publicOf(view.record);
  const now = answerRows(answersOf(view.record, current));
  const after = answerRows(answersOf(view.record, { ...current, ...view.waiting.proposed }));
  const changed = new Set(
    Object.keys(view.waiting.proposed).map((column) => fieldOfColumn[column as keyof PublicFields]),
  );
  const columns = words.page.waitingColumns;
  return html`<table class="govuk-table">
<caption class="govuk-table__caption govuk-visually-hidden">${words.page.waitingHeading}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">${columns.field}</th>
<th scope="col" class="govuk-table__header">${columns.now}</th>
<th scope="col" class="govuk-table__header">${columns.proposed}</th>
</tr></thead>
<tbody class="govuk-table__body">
${now.flatMap((row, index) =>
  changed.has(row.field)
    ? [
        html`<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${row.key}</th><td class="govuk-table__cell">${row.value}</td><td class="govuk-table__cell">${after[index]?.value ?? ""}</td></tr>`,
      ]
    : [],
)}
</tbody>
</table>`;
}

/** Where links on the pledge's page go: each carries the keys it needs. */
export interface ManageHrefs {
  self: string;
  change: string;
  withdraw: string;
  confirm: string;
  checkIn: string;
  downloadHtml: string;
  downloadJson: string;
}

/** The pledge whole, and what its author may do with it in its status. */
export function renderManagePage(
  view: PledgerView,
  key: string,
  hrefs: ManageHrefs,
  { problem, addressError }: { problem?: string | undefined; addressError?: string | undefined } = {},
): Markup {
  const { record } = view;
  const p = words.page;
  const rows = answerRows(answersOf(record, publicOf(record)));
  const changeable = record.status === "pending" || record.status === "approved";
  const waiting = view.waiting;
  const summary = problem
    ? renderProblem(problem)
    : addressError
      ? errorSummary(formWords.errorSummaryTitle, [{ href: "#address-code", message: addressError }])
      : "";
  return html`${summary}<h1 class="govuk-heading-l">${fillTemplate(p.title, { reference: record.reference })}</h1>
${summaryList([{ key: p.statusLabel, value: html`<strong class="govuk-tag">${p.statuses[record.status]}</strong>` }])}
${record.status === "unconfirmed" ? html`${paragraph(p.unconfirmedText)}<p class="govuk-body"><a class="govuk-link" href="${hrefs.confirm}">${p.confirmLinkText}</a></p>` : ""}
${record.status === "rejected" || record.status === "withdrawn" ? paragraph(p.notListedText) : ""}
${
  waiting
    ? html`<div class="govuk-inset-text" id="waiting-change">
<h2 class="govuk-heading-m">${p.waitingHeading}</h2>
${paragraph(fillTemplate(p.waitingText, { date: dayOf(waiting.requested_at) }))}
${waitingTable({ ...view, waiting })}
${paragraph(p.waitingChangeAgain)}
</div>`
    : ""
}
${view.waitingEmail && changeable ? renderAddressCodeForm(record.reference, key, addressError) : ""}
<h2 class="govuk-heading-m">${p.publicHeading}</h2>
${summaryList(rows.filter((row) => !privateFields.has(row.field)))}
<h2 class="govuk-heading-m">${p.privateHeading}</h2>
${paragraph(p.privateText)}
${summaryList(rows.filter((row) => privateFields.has(row.field)))}
${
  changeable
    ? html`<h2 class="govuk-heading-m">${p.changeHeading}</h2>
${paragraph(record.status === "approved" ? p.changeTextApproved : p.changeTextPending)}
<p class="govuk-body"><a class="govuk-link" href="${hrefs.change}">${p.changeLinkText}</a></p>
${
  record.status === "approved"
    ? html`<h2 class="govuk-heading-m">${p.checkInHeading}</h2>
${paragraph(p.checkInText)}
<p class="govuk-body"><a class="govuk-link" href="${hrefs.checkIn}">${p.checkInLinkText}</a></p>`
    : ""
}
<h2 class="govuk-heading-m">${p.withdrawHeading}</h2>
${paragraph(p.withdrawText)}
<p class="govuk-body"><a class="govuk-link" href="${hrefs.withdraw}">${p.withdrawLinkText}</a></p>`
    : ""
}
<h2 class="govuk-heading-m">${p.downloadHeading}</h2>
${paragraph(p.downloadText)}
<ul class="govuk-list">
<li><a class="govuk-link" href="${hrefs.downloadHtml}" download>${p.downloadHtml}</a></li>
<li><a class="govuk-link" href="${hrefs.downloadJson}" download>${p.downloadJson}</a></li>
</ul>
${contactLink}`;
}

/** The code sent to a new address, typed on the pledge's page. */
function renderAddressCodeForm(reference: string, key: string, error?: string): Markup {
  const p = words.page;
  return html`<div class="govuk-inset-text" id="address-waiting">
<h2 class="govuk-heading-m">${p.addressWaitingHeading}</h2>
${paragraph(p.addressWaitingText)}
<form method="post" action="${manageEndpoint}" novalidate>
<input type="hidden" name="intent" value="confirm-address">
<input type="hidden" name="ref" value="${reference}">
<input type="hidden" name="key" value="${key}">
${textInput({ ...fieldState("address-code", error, p.addressCodeHint), name: "code", label: p.addressCodeLabel, value: "", autocomplete: "one-time-code", spellcheck: false, width: "5" })}
<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">${p.addressConfirmButton}</button>
</form>
</div>`;
}

/** The public form's questions, filled with the pledge (and any change waiting), sent to the manage function. */
export function renderChangeForm(
  view: PledgerView,
  key: string,
  selfHref: string,
  { values = changeFormValues(view), errors = {} }: { values?: PledgeValues; errors?: FieldErrors } = {},
): Markup {
  const c = words.change;
  return html`${renderErrorSummary(errors)}<h1 class="govuk-heading-l">${fillTemplate(c.title, { reference: view.record.reference })}</h1>
${paragraph(view.record.status === "approved" ? c.introApproved : c.introPending)}
${paragraph(c.emailNote)}
${renderPledgeForm({
  values,
  errors,
  taken: {
    action: manageEndpoint,
    hidden: html`<input type="hidden" name="intent" value="change">
<input type="hidden" name="ref" value="${view.record.reference}">
<input type="hidden" name="key" value="${key}">`,
    questions: html``,
    submitLabel: c.submitButton,
  },
})}
<p class="govuk-body"><a class="govuk-link" href="${selfHref}">${c.cancelLinkText}</a></p>`;
}

/** What a change did: made at once, waiting for the council, nothing; and any new address. */
export function renderChanged(outcome: Extract<ManageOutcome, { kind: "changed" }>, selfHref: string): Markup {
  const c = words.changed;
  const title =
    outcome.change === "waiting"
      ? c.waitingTitle
      : outcome.change === "applied" || outcome.contactName || outcome.address
        ? c.appliedTitle
        : c.unchangedTitle;
  const lines = [
    ...(outcome.change === "waiting" ? [c.waiting] : []),
    ...(outcome.change === "applied" ? [c.applied, c.appliedPending] : []),
    ...(outcome.change === "unchanged" && !outcome.contactName && !outcome.address ? [c.unchanged, c.dropped] : []),
    ...(outcome.contactName ? [c.contactName] : []),
    ...(outcome.address === "sent" ? [c.addressSent] : outcome.address === "not-sent" ? [c.addressNotSent] : []),
  ];
  return html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${title}</h1></div>
${lines.map(paragraph)}
<p class="govuk-body"><a class="govuk-link" href="${selfHref}">${c.backLinkText}</a></p>`;
}

/** The page the link to a new address opens: one button, a POST; opening it confirms nothing. */
export function renderAddressButton(reference: string, code: string): Markup {
  const a = words.address;
  return html`<h1 class="govuk-heading-l">${a.title}</h1>
<p class="govuk-body-l">${fillTemplate(a.summary, { reference })}</p>
${paragraph(a.text)}
<form method="post" action="${manageEndpoint}" novalidate>
<input type="hidden" name="intent" value="confirm-address">
<input type="hidden" name="ref" value="${reference}">
<input type="hidden" name="code" value="${code}">
<button type="submit" class="govuk-button" data-module="govuk-button">${a.button}</button>
</form>
${paragraph(a.notYours)}`;
}

export function renderAddressResult(result: "confirmed" | "refused", reference: string): Markup {
  const a = words.address;
  if (result === "confirmed") {
    return html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${a.confirmedTitle}</h1></div>
${paragraph(fillTemplate(a.confirmed, { reference }))}`;
  }
  return html`<h1 class="govuk-heading-l">${a.refusedTitle}</h1>
${paragraph(a.refused)}
${contactLink}`;
}
