/**
 * The pledge form, with any errors and everything the person typed. One renderer serves the
 * static page (empty form) and the function (form shown again); the browser marks its own check's
 * errors on this same markup (show-field-errors.ts), and a test holds the two to the same result.
 */
import { type Choice, pledgeCatalogue } from "../pledge/pledge-catalogue.ts";
import type { FieldErrors, PledgeFieldName } from "../pledge/pledge-schema.ts";
import type { PledgeValues } from "../pledge/pledge-service.ts";
import { errorSummaryOf, fieldAnchor, pledgeEndpoint } from "./field-errors.ts";
import { formWords as words } from "./form-words.ts";
import {
  checkboxGroups,
  dateInput,
  errorMessageOf,
  type FieldState,
  formGroup,
  radios,
  select,
  textarea,
  textInput,
} from "./govuk-fields.ts";
import { html, type Markup } from "./html.ts";

export { fieldAnchor, pledgeEndpoint };

export function answerOf(values: PledgeValues, name: string): string {
  const value = values[name];
  return typeof value === "string" ? value : Array.isArray(value) ? (value[0] ?? "") : "";
}

export function answersOf(values: PledgeValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return typeof value === "string" && value !== "" ? [value] : [];
}

export function renderErrorSummary(errors: FieldErrors): Markup | "" {
  return errorSummaryOf(errors, words.errorSummaryTitle);
}

const optionalLabel = (label: string) => `${label} ${words.optional}`;
const choiceItems = (choices: Choice[]) =>
  choices.map((choice) => ({ value: choice.id, label: choice.name, hint: choice.hint }));

/**
 * The form as an officer fills it in for someone else (the officers' console): its own address,
 * its own questions in place of the pledger's privacy tick box, and its own error summary.
 */
export interface TakenForm {
  action: string;
  /** Hidden inputs the console needs, such as the form's idempotency key. */
  hidden: Markup;
  /** The officer's questions, after the pledge's. */
  questions: Markup;
  submitLabel: string;
  /** Someone pledging by phone or on paper may have no e-mail address. */
  emailOptional?: boolean;
}

export function renderPledgeForm({
  values = {},
  errors = {},
  taken,
}: {
  values?: PledgeValues;
  errors?: FieldErrors;
  taken?: TakenForm;
} = {}): Markup {
  const field = (id: PledgeFieldName, hint?: string): FieldState => ({
    id,
    error: errors[id],
    hint,
    errorPrefix: words.errorPrefix,
  });
  const f = words.fields;
  const listingItems = Object.entries(f.listing.options).map(([value, option]) => ({
    value,
    label: option.label,
    hint: option.hint,
  }));
  const privacy = field("privacy");

  return html`${taken ? "" : renderErrorSummary(errors)}
<form method="post" action="${taken?.action ?? pledgeEndpoint}" novalidate class="site-pledge-form"${taken ? "" : html` data-pledge-form`}>
${taken ? taken.hidden : html`<input type="hidden" name="intent" value="check">`}
<h2 class="govuk-heading-l">${words.sections.who}</h2>
${radios({ ...field("kind"), name: "kind", legend: f.kind.legend, items: choiceItems(pledgeCatalogue.organisationKinds), value: answerOf(values, "kind") })}
${textInput({ ...field("name", f.name.hint), name: "name", label: f.name.label, value: answerOf(values, "name"), autocomplete: "organization" })}
${select({ ...field("ward", f.ward.hint), name: "ward", label: optionalLabel(f.ward.label), value: answerOf(values, "ward"), choose: f.ward.choose, options: pledgeCatalogue.wards })}
${textInput({ ...field("website", f.website.hint), name: "website", label: optionalLabel(f.website.label), value: answerOf(values, "website"), type: "text", autocomplete: "url", autocapitalize: "none", spellcheck: false })}
<h2 class="govuk-heading-l">${words.sections.what}</h2>
${checkboxGroups({
  ...field("actions", f.actions.hint),
  name: "actions",
  legend: f.actions.legend,
  values: answersOf(values, "actions"),
  groups: pledgeCatalogue.benefits.map((benefit) => ({ heading: benefit.name, items: choiceItems(benefit.actions) })),
})}
${textarea({ ...field("commitment", f.commitment.hint), name: "commitment", label: optionalLabel(f.commitment.label), value: answerOf(values, "commitment"), rows: 6 })}
${dateInput({
  ...field("targetDate", f.targetDate.hint),
  legend: optionalLabel(f.targetDate.legend),
  parts: [
    { name: "targetDay", label: f.targetDate.day, value: answerOf(values, "targetDay"), width: 2 },
    { name: "targetMonth", label: f.targetDate.month, value: answerOf(values, "targetMonth"), width: 2 },
    { name: "targetYear", label: f.targetDate.year, value: answerOf(values, "targetYear"), width: 4 },
  ],
})}
<h2 class="govuk-heading-l">${words.sections.contact}</h2>
${textInput({ ...field("contactName", f.contactName.hint), name: "contactName", label: f.contactName.label, value: answerOf(values, "contactName"), autocomplete: "name" })}
${textInput({ ...field("email", f.email.hint), name: "email", label: taken?.emailOptional ? optionalLabel(f.email.label) : f.email.label, value: answerOf(values, "email"), type: "email", autocomplete: "email", spellcheck: false })}
<h2 class="govuk-heading-l">${words.sections.listing}</h2>
${radios({ ...field("listing", f.listing.hint), name: "listing", legend: f.listing.legend, items: listingItems, value: answerOf(values, "listing") })}
${
  taken
    ? html`${taken.questions}
<button type="submit" class="govuk-button" data-module="govuk-button">${taken.submitLabel}</button>
`
    : publicEnding(privacy, values)
}</form>`;
}

/** The pledger's own privacy tick box, the field people never see, and the button. */
function publicEnding(privacy: FieldState, values: PledgeValues): Markup {
  const f = words.fields;
  return html`${formGroup(
    privacy,
    html`<p class="govuk-body"><a class="govuk-link" href="/privacy/" target="_blank" rel="noopener">${f.privacy.linkText}</a></p>
${errorMessageOf(privacy)}<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
<div class="govuk-checkboxes__item">
<input class="govuk-checkboxes__input" id="privacy" name="privacy" type="checkbox" value="yes"${answerOf(values, "privacy") === "yes" ? html` checked` : ""}${privacy.error ? html` aria-describedby="privacy-error"` : ""}>
<label class="govuk-label govuk-checkboxes__label" for="privacy">${f.privacy.label}</label>
</div>
</div>`,
  )}
<div class="site-honeypot" hidden>
<label for="nickname">${words.honeypotLabel}</label>
<input id="nickname" name="nickname" type="text" tabindex="-1" autocomplete="off" value="${answerOf(values, "nickname")}">
</div>
<button type="submit" class="govuk-button" data-module="govuk-button">${words.continueButton}</button>
`;
}
