/**
 * The page after a pledge is sent, in the words of content/pledge-confirmation.json. Only what
 * is true of this pledge is said: a reference and "we have e-mailed a code to confirm it" once it
 * is stored; for a pledge kept in the queue, that the code comes when it is saved. The static page
 * /pledge/confirmation/ shows it without a reference; the pledge function fills the same page
 * with the reference it has just been given.
 */
import words from "../../content/pledge-confirmation.json" with { type: "json" };
import { confirmPagePath } from "../pledge/confirmation-key.ts";
import { managePagePath } from "../pledge/manage-key.ts";
import { html, type Markup } from "./html.ts";

export const confirmationWords = words;

export type Confirmation =
  /** Stored: the reference the receipt carries. */
  | { kind: "sent"; reference: string }
  /** Kept in the queue while the database is out of reach: no reference yet, no receipt yet. */
  | { kind: "queued" }
  /** Received, with no reference to show (the page on its own). */
  | { kind: "received" };

const paragraphs = (list: readonly string[]) => list.map((text) => html`<p class="govuk-body">${text}</p>`);

export function renderConfirmation(confirmation: Confirmation): Markup {
  const panelBody =
    confirmation.kind === "sent"
      ? html`${words.referenceLabel}<br><strong id="pledge-reference">${confirmation.reference}</strong>`
      : words.panel;
  return html`<div class="govuk-panel govuk-panel--confirmation">
<h1 class="govuk-panel__title">${words.title}</h1>
<div class="govuk-panel__body">${panelBody}</div>
</div>
${confirmation.kind === "sent" ? html`<p class="govuk-body">${words.panel}</p>` : ""}
<h2 class="govuk-heading-m">${words.nextHeading}</h2>
${paragraphs(words[confirmation.kind])}
${confirmation.kind === "queued" ? "" : html`<p class="govuk-body"><a class="govuk-link" href="${confirmPagePath}">${words.confirmLinkText}</a></p>`}
${paragraphs(words.next)}
<h2 class="govuk-heading-m">${words.changeHeading}</h2>
<p class="govuk-body">${words.change}</p>
<p class="govuk-body"><a class="govuk-link" href="${managePagePath}">${words.manageLinkText}</a></p>
<p class="govuk-body"><a class="govuk-link" href="/contact/">${words.contactLinkText}</a></p>`;
}
