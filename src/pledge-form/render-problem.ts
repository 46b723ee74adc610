/** A problem that is not about one field: the error summary with a sentence instead of links. */
import { formWords as words } from "./form-words.ts";
import { html, type Markup } from "./html.ts";

export function renderProblem(message: string): Markup {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1"><div role="alert">
<h2 class="govuk-error-summary__title">${words.errorSummaryTitle}</h2>
<div class="govuk-error-summary__body"><p class="govuk-body">${message}</p></div>
</div></div>`;
}
