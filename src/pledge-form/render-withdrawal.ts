/**
 * The pages of withdrawing a pledge from the link in an e-mail. Opening the link only shows a
 * page (mail scanners open links); only the button on it, a POST, withdraws anything.
 */
import words from "../../content/pledge-withdrawal.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import { html, type Markup } from "./html.ts";
import { renderProblem } from "./render-problem.ts";

export const withdrawalWords = words;

import { withdrawalEndpoint } from "../pledge/withdrawal-key.ts";

export { withdrawalEndpoint };

const contactLink = html`<p class="govuk-body"><a class="govuk-link" href="/contact/">${words.contactLinkText}</a></p>`;

/** The page without a link: how to withdraw. */
export function renderWithdrawalIntro(): Markup {
  return html`<h1 class="govuk-heading-xl">${words.title}</h1>
${words.intro.map((paragraph) => html`<p class="govuk-body">${paragraph}</p>`)}
${contactLink}`;
}

export function renderWithdrawalConfirm(pledge: {
  reference: string;
  name: string;
  status: "pending" | "approved";
  key: string;
  problem?: string;
}): Markup {
  const summary = fillTemplate(words.confirm.summary, { reference: pledge.reference, name: pledge.name });
  return html`${pledge.problem ? renderProblem(pledge.problem) : ""}<h1 class="govuk-heading-l">${words.confirm.title}</h1>
<p class="govuk-body-l">${summary}</p>
<p class="govuk-body">${pledge.status === "pending" ? words.confirm.pending : words.confirm.approved}</p>
<form method="post" action="${withdrawalEndpoint}" novalidate>
<input type="hidden" name="ref" value="${pledge.reference}">
<input type="hidden" name="key" value="${pledge.key}">
<button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">${words.confirm.button}</button>
</form>
<p class="govuk-body">${words.confirm.keep}</p>`;
}

export type WithdrawalResult = "withdrawn" | "alreadyWithdrawn" | "notListed" | "invalidLink";

export function renderWithdrawalResult(result: WithdrawalResult, reference = ""): Markup {
  if (result === "withdrawn") {
    return html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${words.withdrawn.title}</h1></div>
<p class="govuk-body">${fillTemplate(words.withdrawn.body, { reference })}</p>
<p class="govuk-body">${words.withdrawn.erase}</p>
${contactLink}`;
  }
  const text = words[result];
  return html`<h1 class="govuk-heading-l">${text.title}</h1>
<p class="govuk-body">${fillTemplate(text.body, { reference })}</p>
${contactLink}`;
}

/** A problem before anything could be looked up: the error summary, then the way to get help. */
export function renderWithdrawalProblem(message: string): Markup {
  return html`${renderProblem(message)}<h1 class="govuk-heading-l">${words.title}</h1>${contactLink}`;
}
