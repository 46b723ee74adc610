/**
 * The browser's check shows its errors on the form already on the page, as the form's renderer
 * would have drawn them: the error summary before the form, and for each field the error
 * message after its hint, the error classes and the message's id in aria-describedby. Marking
 * the form keeps everything typed and costs far less than shipping the renderer; a test renders
 * the form with errors and compares.
 */
import type { FieldErrors, PledgeFieldName } from "../pledge/pledge-rules.ts";
import { errorSummaryOf, fieldAnchor } from "./field-errors.ts";
import { errorMessageOf } from "./govuk-fields.ts";

/** The part of an element both the browser's DOM and the test's parser give. */
export interface MarkableElement {
  tagName: string;
  parentNode: unknown;
  classList: { add(name: string): void; remove(...names: string[]): void };
  querySelector(selector: string): MarkableElement | null;
  querySelectorAll(selector: string): ArrayLike<MarkableElement>;
  getAttribute(name: string): string | null | undefined;
  setAttribute(name: string, value: string): unknown;
  removeAttribute(name: string): unknown;
  insertAdjacentHTML(where: "beforebegin" | "afterend", html: string): unknown;
  remove(): unknown;
}

const each = (list: ArrayLike<MarkableElement>, act: (element: MarkableElement) => void) =>
  Array.from(list).forEach(act);

const describedBy = (element: MarkableElement, ids: string[]) => {
  if (ids.length > 0) element.setAttribute("aria-describedby", ids.join(" "));
  else element.removeAttribute("aria-describedby");
};

/** Takes away what an earlier check marked, leaving the form as it was drawn without errors. */
function clearErrors(journey: MarkableElement, form: MarkableElement) {
  each(journey.querySelectorAll(".govuk-error-summary"), (summary) => summary.remove());
  each(form.querySelectorAll("p.govuk-error-message"), (message) => message.remove());
  each(form.querySelectorAll("[aria-describedby]"), (element) =>
    describedBy(
      element,
      (element.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.endsWith("-error")),
    ),
  );
  for (const kind of ["form-group", "input", "select", "textarea"]) {
    each(form.querySelectorAll(`.govuk-${kind}--error`), (element) => element.classList.remove(`govuk-${kind}--error`));
  }
}

function markField(form: MarkableElement, field: PledgeFieldName, error: string, errorPrefix: string) {
  let group = form.querySelector(`#${fieldAnchor[field]}`);
  while (group && group.parentNode !== form) group = group.parentNode as MarkableElement | null;
  if (!group) return;
  group.classList.add("govuk-form-group--error");
  const fieldset = group.querySelector("fieldset");
  const described = fieldset ?? group.querySelector("input, select, textarea");
  const message = errorMessageOf({ id: field, error, errorPrefix }).toString();
  const hint = group.querySelector(`#${field}-hint`);
  if (hint) hint.insertAdjacentHTML("afterend", message);
  else if (fieldset) fieldset.querySelector("legend")?.insertAdjacentHTML("afterend", message);
  else (group.querySelector(".govuk-checkboxes") ?? described)?.insertAdjacentHTML("beforebegin", message);
  if (described) {
    describedBy(described, [
      ...(described.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean),
      `${field}-error`,
    ]);
  }
  each(group.querySelectorAll(".govuk-input, .govuk-select, .govuk-textarea"), (control) =>
    control.classList.add(`govuk-${control.tagName.toLowerCase()}--error`),
  );
}

export function showFieldErrors(
  journey: MarkableElement,
  form: MarkableElement,
  errors: FieldErrors,
  words: { errorSummaryTitle: string; errorPrefix: string },
) {
  clearErrors(journey, form);
  for (const [field, error] of Object.entries(errors) as [PledgeFieldName, string][]) {
    markField(form, field, error, words.errorPrefix);
  }
  form.insertAdjacentHTML("beforebegin", errorSummaryOf(errors, words.errorSummaryTitle).toString());
}
