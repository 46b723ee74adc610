/**
 * The pages of checking in on a pledge: what a check-in is (the static /pledge/check-in/, where
 * the check-in function draws its answers), the form with one question per commitment, and the
 * answers to it. Words from content/pledge-check-in.json; fields in GOV.UK's patterns, each
 * repeated label made distinct for screen readers by the commitment it is about.
 */
import words from "../../content/pledge-check-in.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import { checkInLimits, commitmentStatuses } from "../pledge/check-in-answers.ts";
import { checkInEndpoint } from "../pledge/check-in-key.ts";
import type { CheckInForm, CheckInFormErrors, CheckInQuestion } from "../pledge/check-in-service.ts";
import { managePagePath } from "../pledge/manage-key.ts";
import { formWords } from "./form-words.ts";
import {
  errorMessageOf,
  errorSummary,
  type FieldState,
  formGroup,
  hintOf,
  problemSummary,
  radios,
} from "./govuk-fields.ts";
import { html, type Markup } from "./html.ts";

export const checkInWords = words;

const paragraph = (text: string) => html`<p class="govuk-body">${text}</p>`;
const link = (href: string, text: string) =>
  html`<p class="govuk-body"><a class="govuk-link" href="${href}">${text}</a></p>`;
const contactLink = link("/contact/", words.contactLinkText);

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/** The page without a link: what a check-in is, when it comes and what follows it. */
export function renderCheckInIntro(): Markup {
  return html`<h1 class="govuk-heading-xl">${words.title}</h1>
${words.intro.map(paragraph)}
<h2 class="govuk-heading-m">${words.askedHeading}</h2>
${words.asked.map(paragraph)}
<h2 class="govuk-heading-m">${words.nextHeading}</h2>
${words.next.map(paragraph)}
<h2 class="govuk-heading-m">${words.lostHeading}</h2>
${paragraph(words.lost)}
${contactLink}
${paragraph(words.manageText)}
${link(managePagePath, words.manageLinkText)}`;
}

const fieldState = (id: string, errors: CheckInFormErrors | undefined, hint?: string): FieldState => ({
  id,
  error: errors?.fields[id],
  hint,
  errorPrefix: formWords.errorPrefix,
});

/** A label that says, to a screen reader, which commitment it is about. */
const labelFor = (id: string, label: string, question: CheckInQuestion) =>
  html`<label class="govuk-label govuk-label--s" for="${id}">${label}<span class="govuk-visually-hidden"> ${fillTemplate(words.form.aboutCommitment, { commitment: question.label })}</span></label>`;

const describedBy = (state: FieldState) =>
  [state.hint && `${state.id}-hint`, state.error && `${state.id}-error`].filter(Boolean).join(" ");

function evidenceInput(question: CheckInQuestion, value: string, errors: CheckInFormErrors | undefined): Markup {
  const state = fieldState(question.fields.evidence, errors, words.form.evidenceHint);
  return formGroup(
    state,
    html`${labelFor(state.id, words.form.evidenceLabel, question)}
${hintOf(state)}${errorMessageOf(state)}<input class="govuk-input${state.error ? " govuk-input--error" : ""}" id="${state.id}" name="${state.id}" type="text" value="${value}" aria-describedby="${describedBy(state)}" autocomplete="url" autocapitalize="none" spellcheck="false">`,
  );
}

function noteInput(question: CheckInQuestion, value: string, errors: CheckInFormErrors | undefined): Markup {
  const state = fieldState(
    question.fields.note,
    errors,
    fillTemplate(words.form.noteHint, { max: String(checkInLimits.note) }),
  );
  return formGroup(
    state,
    html`${labelFor(state.id, words.form.noteLabel, question)}
${hintOf(state)}${errorMessageOf(state)}<textarea class="govuk-textarea${state.error ? " govuk-textarea--error" : ""}" id="${state.id}" name="${state.id}" rows="3" aria-describedby="${describedBy(state)}">${value}</textarea>`,
  );
}

/** One commitment: where it stands (as the public sees it now), and the pledger's answer. */
function renderQuestion(question: CheckInQuestion, values: CheckInForm["values"], errors?: CheckInFormErrors): Markup {
  const { commitment, fields } = question;
  const shownNow = fillTemplate(words.form.shownNow, {
    status: words.form.statuses[commitment.status].label,
    date: dateFormat.format(new Date(commitment.status_since)),
  });
  const hint = question.ownWords
    ? `${fillTemplate(words.form.ownWords, { words: question.ownWords })} ${shownNow}`
    : shownNow;
  return html`<div class="govuk-!-margin-bottom-6">
${radios({
  ...fieldState(fields.status, errors, hint),
  name: fields.status,
  legend: question.label,
  value: values[fields.status] ?? "",
  items: commitmentStatuses.map((status) => ({
    value: status,
    label: words.form.statuses[status].label,
    hint: words.form.statuses[status].hint,
  })),
})}
${evidenceInput(question, values[fields.evidence] ?? "", errors)}
${noteInput(question, values[fields.note] ?? "", errors)}
</div>
<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">`;
}

/** The check-in: one question per commitment, each wrong field listed in the summary. */
export function renderCheckInForm(form: CheckInForm, errors?: CheckInFormErrors): Markup {
  const f = words.form;
  const order = form.questions.flatMap(({ fields }) => [fields.status, fields.evidence, fields.note]);
  const summary = errors?.problem
    ? problemSummary(formWords.errorSummaryTitle, errors.problem)
    : errorSummary(
        formWords.errorSummaryTitle,
        order.flatMap((id) => {
          const message = errors?.fields[id];
          return message ? [{ href: `#${id}`, message }] : [];
        }),
      );
  return html`${summary}<span class="govuk-caption-l">${fillTemplate(f.caption, { reference: form.reference })}</span>
<h1 class="govuk-heading-l">${f.heading}</h1>
<p class="govuk-body-l">${form.name}</p>
${f.intro.map(paragraph)}
<form method="post" action="${checkInEndpoint}" novalidate>
<input type="hidden" name="ref" value="${form.reference}">
<input type="hidden" name="key" value="${form.key}">
${form.questions.map((question) => renderQuestion(question, form.values, errors))}
<button type="submit" class="govuk-button" data-module="govuk-button">${f.submitButton}</button>
</form>`;
}

export function renderCheckInStored(reference: string, manageHref: string): Markup {
  return html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${words.stored.title}</h1></div>
${words.stored.body.map((text) => paragraph(fillTemplate(text, { reference })))}
${link(manageHref, words.stored.manageLinkText)}`;
}

export function renderCheckInNotApproved(reference: string, manageHref: string): Markup {
  return html`<h1 class="govuk-heading-l">${words.notApproved.title}</h1>
${paragraph(fillTemplate(words.notApproved.body, { reference }))}
${link(manageHref, words.notApproved.manageLinkText)}
${contactLink}`;
}

export function renderInvalidCheckInLink(): Markup {
  return html`<h1 class="govuk-heading-l">${words.invalidLink.title}</h1>
${paragraph(words.invalidLink.body)}
${contactLink}`;
}

/** A problem before any pledge could be looked up: the error summary, then the way to get help. */
export function renderCheckInProblem(message: string): Markup {
  return html`${problemSummary(formWords.errorSummaryTitle, message)}<h1 class="govuk-heading-l">${words.problemTitle}</h1>
${contactLink}`;
}
