/**
 * The pages of confirming a pledge: the form for the reference and the code from the e-mail
 * (the static /pledge/confirm/, and the function's answers drawn in it), the page the e-mailed
 * link opens, with its one button, and the results. Words from content/pledge-confirm.json.
 */
import words from "../../content/pledge-confirm.json" with { type: "json" };
import retention from "../../content/retention.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import { confirmEndpoint } from "../pledge/confirmation-key.ts";
import { formWords } from "./form-words.ts";
import { errorSummary, textInput } from "./govuk-fields.ts";
import { html, type Markup } from "./html.ts";
import { renderProblem } from "./render-problem.ts";

export const confirmWords = words;

export type ConfirmField = "ref" | "code";
export type ConfirmErrors = Partial<Record<ConfirmField, string>>;

const contactLink = html`<p class="govuk-body"><a class="govuk-link" href="/contact/">${words.contactLinkText}</a></p>`;

/** The code form, then the way to ask for a new code; with any errors and what was typed. */
export function renderConfirmForm({
  reference = "",
  errors = {},
  problem,
  heading = true,
}: {
  reference?: string;
  errors?: ConfirmErrors;
  problem?: string | undefined;
  heading?: boolean;
} = {}): Markup {
  const field = (id: ConfirmField, hint: string) => ({
    id,
    hint,
    error: errors[id],
    errorPrefix: formWords.errorPrefix,
  });
  const summary = problem
    ? renderProblem(problem)
    : errorSummary(
        formWords.errorSummaryTitle,
        (["ref", "code"] as const).flatMap((id) => (errors[id] ? [{ href: `#${id}`, message: errors[id] }] : [])),
      );
  return html`${summary}${heading ? html`<h1 class="govuk-heading-xl">${words.title}</h1>` : ""}
${words.intro.map((paragraph) => html`<p class="govuk-body">${paragraph}</p>`)}
<form method="post" action="${confirmEndpoint}" novalidate>
${textInput({ ...field("ref", words.referenceHint), name: "ref", label: words.referenceLabel, value: reference, autocomplete: "off", autocapitalize: "none", spellcheck: false, width: "10" })}
${textInput({ ...field("code", words.codeHint), name: "code", label: words.codeLabel, value: "", autocomplete: "one-time-code", spellcheck: false, width: "5" })}
<button type="submit" name="intent" value="code" class="govuk-button" data-module="govuk-button">${words.confirmButton}</button>
<h2 class="govuk-heading-m">${words.resend.heading}</h2>
<p class="govuk-body">${words.resend.text}</p>
<button type="submit" name="intent" value="resend" class="govuk-button govuk-button--secondary" data-module="govuk-button">${words.resend.button}</button>
</form>`;
}

/** The page the e-mailed link opens: one button, a POST; opening the page confirms nothing. */
export function renderConfirmButton(reference: string, key: string, problem?: string): Markup {
  return html`${problem ? renderProblem(problem) : ""}<h1 class="govuk-heading-l">${words.link.title}</h1>
<p class="govuk-body-l">${fillTemplate(words.link.summary, { reference })}</p>
<p class="govuk-body">${words.link.text}</p>
<form method="post" action="${confirmEndpoint}" novalidate>
<input type="hidden" name="intent" value="link">
<input type="hidden" name="ref" value="${reference}">
<input type="hidden" name="key" value="${key}">
<button type="submit" class="govuk-button" data-module="govuk-button">${words.confirmButton}</button>
</form>
<p class="govuk-body">${fillTemplate(words.link.notYours, { deleteDays: String(retention.unconfirmedDeleteDays) })}</p>`;
}

export type ConfirmResult = "confirmed" | "already" | "resent";

export function renderConfirmResult(result: ConfirmResult, reference: string): Markup {
  if (result === "confirmed") {
    return html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${words.confirmed.title}</h1></div>
<p class="govuk-body">${fillTemplate(words.confirmed.body, { reference })}</p>
<p class="govuk-body">${words.confirmed.next}</p>`;
  }
  if (result === "resent") {
    return html`<h1 class="govuk-heading-l">${words.resend.title}</h1>
<p class="govuk-body">${fillTemplate(words.resend.sent, { reference })}</p>
${renderConfirmForm({ reference, heading: false })}`;
  }
  return html`<h1 class="govuk-heading-l">${words.already.title}</h1>
<p class="govuk-body">${fillTemplate(words.already.body, { reference })}</p>
${contactLink}`;
}

/** A link whose key is not right: say so, and offer the form instead. */
export function renderInvalidConfirmLink(): Markup {
  return html`<h1 class="govuk-heading-l">${words.invalidLink.title}</h1>
<p class="govuk-body">${words.invalidLink.body}</p>
${renderConfirmForm({ heading: false })}`;
}
