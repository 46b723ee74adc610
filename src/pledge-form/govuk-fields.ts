/**
 * GOV.UK Frontend's form patterns as markup: error summary, error message, and the field types
 * the pledge uses. Ids follow the GOV.UK rule that the summary links to the first input of a
 * field, and every hint and error is tied to its input with aria-describedby.
 */
import { html, type Markup } from "./html.ts";

export interface FieldState {
  id: string;
  error?: string | undefined;
  hint?: string | undefined;
  errorPrefix: string;
}

const describedBy = ({ id, error, hint }: FieldState, extra: string[] = []) =>
  [hint && `${id}-hint`, error && `${id}-error`, ...extra].filter(Boolean).join(" ") || undefined;

const attribute = (name: string, value: string | undefined) => (value ? html` ${name}="${value}"` : "");

export function hintOf({ id, hint }: FieldState): Markup | "" {
  return hint ? html`<div id="${id}-hint" class="govuk-hint">${hint}</div>` : "";
}

export function errorMessageOf({ id, error, errorPrefix }: FieldState): Markup | "" {
  return error
    ? html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">${errorPrefix}</span> ${error}</p>`
    : "";
}

export function formGroup(state: FieldState, content: Markup): Markup {
  return html`<div class="govuk-form-group${state.error ? " govuk-form-group--error" : ""}">${content}</div>`;
}

export function errorSummary(title: string, errors: { href: string; message: string }[]): Markup | "" {
  if (errors.length === 0) return "";
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1">
  <div role="alert">
    <h2 class="govuk-error-summary__title">${title}</h2>
    <div class="govuk-error-summary__body">
      <ul class="govuk-list govuk-error-summary__list">
        ${errors.map((error) => html`<li><a href="${error.href}">${error.message}</a></li>`)}
      </ul>
    </div>
  </div>
</div>`;
}

/** A problem that is not about one field: the error summary with a sentence instead of links. */
export function problemSummary(title: string, message: string): Markup {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1"><div role="alert">
<h2 class="govuk-error-summary__title">${title}</h2>
<div class="govuk-error-summary__body"><p class="govuk-body">${message}</p></div>
</div></div>`;
}

export function textInput(
  state: FieldState & {
    name: string;
    label: string;
    value: string;
    type?: string;
    autocomplete?: string;
    width?: string;
    spellcheck?: boolean;
    autocapitalize?: "none";
  },
): Markup {
  const classes = [
    "govuk-input",
    state.width && `govuk-input--width-${state.width}`,
    state.error && "govuk-input--error",
  ];
  return formGroup(
    state,
    html`<label class="govuk-label govuk-label--s" for="${state.id}">${state.label}</label>
${hintOf(state)}${errorMessageOf(state)}<input class="${classes.filter(Boolean).join(" ")}" id="${state.id}" name="${state.name}" type="${state.type ?? "text"}" value="${state.value}"${attribute("aria-describedby", describedBy(state))}${attribute("autocomplete", state.autocomplete)}${attribute("autocapitalize", state.autocapitalize)}${state.spellcheck === false ? html` spellcheck="false"` : ""}>`,
  );
}

export function textarea(state: FieldState & { name: string; label: string; value: string; rows?: number }): Markup {
  return formGroup(
    state,
    html`<label class="govuk-label govuk-label--s" for="${state.id}">${state.label}</label>
${hintOf(state)}${errorMessageOf(state)}<textarea class="govuk-textarea${state.error ? " govuk-textarea--error" : ""}" id="${state.id}" name="${state.name}" rows="${state.rows ?? 5}"${attribute("aria-describedby", describedBy(state))}>${state.value}</textarea>`,
  );
}

export function select(
  state: FieldState & {
    name: string;
    label: string;
    value: string;
    choose: string;
    /** What the first option sends: nothing, unless "any" is a choice of its own. */
    chooseValue?: string;
    options: { id: string; name: string }[];
  },
): Markup {
  return formGroup(
    state,
    html`<label class="govuk-label govuk-label--s" for="${state.id}">${state.label}</label>
${hintOf(state)}${errorMessageOf(state)}<select class="govuk-select${state.error ? " govuk-select--error" : ""}" id="${state.id}" name="${state.name}"${attribute("aria-describedby", describedBy(state))}>
<option value="${state.chooseValue ?? ""}"${state.chooseValue && state.chooseValue === state.value ? html` selected` : ""}>${state.choose}</option>
${state.options.map((option) => html`<option value="${option.id}"${option.id === state.value ? html` selected` : ""}>${option.name}</option>`)}
</select>`,
  );
}

export interface ChoiceItem {
  value: string;
  label: string;
  hint?: string | undefined;
}

/** Radios or checkboxes; the first input takes the field's id so the error summary can reach it. */
function choiceItems(
  kind: "radios" | "checkboxes",
  state: FieldState & { name: string },
  items: ChoiceItem[],
  chosen: string[],
  offset = 0,
) {
  return items.map((item, index) => {
    const id = index + offset === 0 ? state.id : `${state.id}-${index + offset + 1}`;
    return html`<div class="govuk-${kind}__item">
<input class="govuk-${kind}__input" id="${id}" name="${state.name}" type="${kind === "radios" ? "radio" : "checkbox"}" value="${item.value}"${chosen.includes(item.value) ? html` checked` : ""}${item.hint ? html` aria-describedby="${id}-item-hint"` : ""}>
<label class="govuk-label govuk-${kind}__label" for="${id}">${item.label}</label>
${item.hint ? html`<div id="${id}-item-hint" class="govuk-hint govuk-${kind}__hint">${item.hint}</div>` : ""}
</div>`;
  });
}

export function fieldset(
  state: FieldState & { legend: string; legendSize?: "s" | "m" | "l" },
  content: Markup,
): Markup {
  return formGroup(
    state,
    html`<fieldset class="govuk-fieldset"${attribute("aria-describedby", describedBy(state))}>
<legend class="govuk-fieldset__legend govuk-fieldset__legend--${state.legendSize ?? "s"}">${state.legend}</legend>
${hintOf(state)}${errorMessageOf(state)}${content}
</fieldset>`,
  );
}

export function radios(
  state: FieldState & { name: string; legend: string; items: ChoiceItem[]; value: string },
): Markup {
  return fieldset(
    state,
    html`<div class="govuk-radios" data-module="govuk-radios">${choiceItems("radios", state, state.items, [state.value])}</div>`,
  );
}

export function checkboxGroups(
  state: FieldState & {
    name: string;
    legend: string;
    groups: { heading: string; items: ChoiceItem[] }[];
    values: string[];
  },
): Markup {
  let offset = 0;
  const groups = state.groups.map((group) => {
    const markup = html`<h3 class="govuk-heading-s govuk-!-margin-top-4 govuk-!-margin-bottom-2">${group.heading}</h3>
<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">${choiceItems("checkboxes", state, group.items, state.values, offset)}</div>`;
    offset += group.items.length;
    return markup;
  });
  return fieldset(state, html`${groups}`);
}

export function dateInput(
  state: FieldState & { legend: string; parts: { name: string; label: string; value: string; width: number }[] },
): Markup {
  return fieldset(
    state,
    html`<div class="govuk-date-input" id="${state.id}-group">
${state.parts.map(
  (part) => html`<div class="govuk-date-input__item"><div class="govuk-form-group">
<label class="govuk-label govuk-date-input__label" for="${part.name}">${part.label}</label>
<input class="govuk-input govuk-date-input__input govuk-input--width-${part.width}${state.error ? " govuk-input--error" : ""}" id="${part.name}" name="${part.name}" type="text" inputmode="numeric" value="${part.value}">
</div></div>`,
)}
</div>`,
  );
}
