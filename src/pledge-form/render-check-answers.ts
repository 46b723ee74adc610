/**
 * "Check your answers": the pledge as it will be stored, each answer with a way to change it,
 * and the signed token that lets the final "Accept and send" through. Without JavaScript the
 * answers travel as hidden fields, so nothing is kept on the server before the person agrees.
 */
import { actionName, nameOf, pledgeCatalogue } from "../pledge/pledge-catalogue.ts";
import type { Pledge, PledgeFieldName } from "../pledge/pledge-schema.ts";
import type { PledgeValues } from "../pledge/pledge-service.ts";
import { formWords as words } from "./form-words.ts";
import { html, type Markup } from "./html.ts";
import { fieldAnchor, pledgeEndpoint } from "./render-pledge-form.ts";
import { renderProblem } from "./render-problem.ts";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export function answerRows(pledge: Pledge): { field: PledgeFieldName; key: string; value: Markup | string }[] {
  const rows = words.check.rows;
  const listing = words.fields.listing.options[pledge.listing];
  return [
    { field: "kind", key: rows.kind, value: nameOf(pledgeCatalogue.organisationKinds, pledge.kind) ?? pledge.kind },
    { field: "name", key: rows.name, value: pledge.name },
    { field: "ward", key: rows.ward, value: nameOf(pledgeCatalogue.wards, pledge.ward) ?? words.check.empty },
    { field: "website", key: rows.website, value: pledge.website ?? words.check.empty },
    {
      field: "actions",
      key: rows.actions,
      value:
        pledge.actions.length === 0
          ? words.check.empty
          : html`<ul class="govuk-list govuk-list--bullet">${pledge.actions.map((id) => html`<li>${actionName(id) ?? id}</li>`)}</ul>`,
    },
    {
      field: "commitment",
      key: rows.commitment,
      value: pledge.commitment
        ? html`${pledge.commitment.split("\n\n").map((paragraph) => html`<p class="govuk-body site-own-words">${paragraph}</p>`)}`
        : words.check.empty,
    },
    {
      field: "targetDate",
      key: rows.targetDate,
      value: pledge.targetDate ? dateFormat.format(new Date(`${pledge.targetDate}T00:00:00Z`)) : words.check.empty,
    },
    { field: "contactName", key: rows.contactName, value: pledge.contactName },
    { field: "email", key: rows.email, value: pledge.email },
    { field: "listing", key: rows.listing, value: listing.label },
  ];
}

function hiddenFields(values: PledgeValues): Markup {
  return html`${Object.entries(values).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((item): item is string => typeof item === "string")
      .map((item) => html`<input type="hidden" name="${name}" value="${item}">`),
  )}`;
}

interface CheckAnswers {
  pledge: Pledge;
  values: PledgeValues;
  token: string;
}

/** The check page again for a send that came too soon: a plain notice, not an error, and the same button. */
export function renderSendAgain(answers: CheckAnswers): Markup {
  return renderCheckAnswers({ ...answers, notice: words.check.sendAgain });
}

export function renderCheckAnswers({
  pledge,
  values,
  token,
  problem,
  notice,
}: CheckAnswers & { problem?: string | undefined; notice?: string | undefined }): Markup {
  const { intent: _intent, ...answers } = values;
  return html`${problem ? renderProblem(problem) : ""}
<h2 class="govuk-heading-l" id="check-answers-heading" tabindex="-1">${words.check.title}</h2>
${notice ? html`<div class="govuk-inset-text" id="send-again">${notice}</div>` : ""}
<form method="post" action="${pledgeEndpoint}" novalidate data-pledge-check>
${hiddenFields(answers)}
<input type="hidden" name="token" value="${token}">
<dl class="govuk-summary-list govuk-!-margin-bottom-9">
${answerRows(pledge).map(
  (row) => html`<div class="govuk-summary-list__row">
<dt class="govuk-summary-list__key">${row.key}</dt>
<dd class="govuk-summary-list__value">${row.value}</dd>
<dd class="govuk-summary-list__actions"><button type="submit" class="site-link-button govuk-link" name="intent" value="change" formaction="${pledgeEndpoint}#${fieldAnchor[row.field]}" data-change="${fieldAnchor[row.field]}">${words.check.change}<span class="govuk-visually-hidden"> ${row.key.toLowerCase()}</span></button></dd>
</div>`,
)}
</dl>
<h2 class="govuk-heading-m">${words.check.listingHeading}</h2>
<p class="govuk-body">${words.check.declaration}</p>
<button type="submit" class="govuk-button" name="intent" value="submit" data-module="govuk-button">${words.check.sendButton}</button>
</form>`;
}
