/**
 * The pledge form, enhanced: the same schema the function uses checks the answers before they
 * are sent, answers travel by fetch without reloading the page, and a network failure is retried
 * with the same token (so the same idempotency key) while the person is told what is happening.
 * Without this script the form works the same way through full page loads.
 */

import {
  type FieldErrors,
  fieldErrorsOf,
  limits,
  type Pledge,
  type PledgeFieldName,
  pledgeSchema,
} from "../pledge/pledge-schema.ts";
import type { PledgeValues } from "../pledge/pledge-service.ts";
import { formWords as words } from "../pledge-form/form-words.ts";
import type { Markup } from "../pledge-form/html.ts";
import { renderCheckAnswers } from "../pledge-form/render-check-answers.ts";
import { fieldAnchor, pledgeEndpoint, renderPledgeForm } from "../pledge-form/render-pledge-form.ts";

const journey = document.getElementById("pledge-journey");
const baseTitle = document.title;
const retryDelaysMs = [1000, 3000, 6000];

interface ServerAnswer {
  status: number;
  body: {
    status?: string;
    token?: string;
    pledge?: Pledge;
    redirect?: string;
    message?: string;
    errors?: { field: PledgeFieldName; message: string }[];
  };
}

function valuesOf(form: HTMLFormElement): PledgeValues {
  const values: PledgeValues = {};
  const data = new FormData(form);
  for (const name of new Set(data.keys())) {
    if (name === "intent" || name === "token") continue;
    const all = data.getAll(name).filter((value): value is string => typeof value === "string");
    values[name] = name === "actions" ? all : (all[0] ?? "");
  }
  return values;
}

function show(markup: Markup, title: string, focusSelector: string) {
  if (!journey) return;
  journey.innerHTML = markup.value;
  document.title = baseTitle.replace(/^[^–]*/, `${title} `);
  const target = journey.querySelector<HTMLElement>(focusSelector);
  if (target) {
    if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
    target.scrollIntoView({ block: "start" });
  }
  enhanceCharacterCount();
}

function showForm(values: PledgeValues, errors: FieldErrors = {}, focusField?: string) {
  const hasErrors = Object.keys(errors).length > 0;
  show(
    renderPledgeForm({ values, errors }),
    hasErrors ? `${words.errorPrefix} ${words.title}` : words.title,
    hasErrors ? ".govuk-error-summary" : focusField ? `#${focusField}` : "form",
  );
}

function showCheck(pledge: Pledge, values: PledgeValues, token: string, problem?: string) {
  show(
    renderCheckAnswers({ pledge, values, token, problem }),
    problem ? `${words.errorPrefix} ${words.check.title}` : words.check.title,
    problem ? ".govuk-error-summary" : "#check-answers-heading",
  );
}

function announce(message: string) {
  let region = document.getElementById("pledge-status");
  if (!region) {
    region = document.createElement("p");
    region.id = "pledge-status";
    region.className = "govuk-body govuk-!-font-weight-bold";
    region.setAttribute("role", "status");
    journey?.append(region);
  }
  region.textContent = message;
}

async function post(body: Record<string, unknown>): Promise<ServerAnswer> {
  const response = await fetch(pledgeEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

/** Network failures are retried with the same token; answers from the server are not. */
async function postWithRetry(body: Record<string, unknown>): Promise<ServerAnswer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await post(body);
    } catch (error) {
      const delay = retryDelaysMs[attempt];
      if (delay === undefined) throw error;
      announce(words.problems.network);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function serverErrors(answer: ServerAnswer): FieldErrors {
  return Object.fromEntries((answer.body.errors ?? []).map((error) => [error.field, error.message]));
}

async function checkAnswers(form: HTMLFormElement) {
  const values = valuesOf(form);
  const local = pledgeSchema.safeParse(values);
  if (!local.success) return showForm(values, fieldErrorsOf(local.error));
  announce(words.problems.sending);
  let answer: ServerAnswer;
  try {
    answer = await postWithRetry({ ...values, intent: "check" });
  } catch {
    return announce(words.problems.unavailable);
  }
  if (answer.status === 200 && answer.body.pledge && answer.body.token) {
    return showCheck(answer.body.pledge, values, answer.body.token);
  }
  if (answer.status === 422) return showForm(values, serverErrors(answer));
  announce(answer.body.message ?? words.problems.unavailable);
}

async function sendPledge(form: HTMLFormElement, button: HTMLButtonElement) {
  const values = valuesOf(form);
  const token = (form.elements.namedItem("token") as HTMLInputElement | null)?.value ?? "";
  const parsed = pledgeSchema.safeParse(values);
  if (!parsed.success) return showForm(values, fieldErrorsOf(parsed.error));
  button.disabled = true;
  announce(words.problems.sending);
  let answer: ServerAnswer;
  try {
    answer = await postWithRetry({ ...values, intent: "submit", token });
  } catch {
    button.disabled = false;
    return showCheck(parsed.data, values, token, words.problems.unavailable);
  }
  if ((answer.status === 201 || answer.status === 202) && answer.body.redirect) {
    return window.location.assign(answer.body.redirect);
  }
  if (answer.status === 422 && answer.body.errors) return showForm(values, serverErrors(answer));
  const nextToken = answer.body.token ?? token;
  showCheck(parsed.data, values, nextToken, answer.body.message ?? words.problems.unavailable);
}

/** A live count of the characters left, as GOV.UK's character count gives. */
function enhanceCharacterCount() {
  const textarea = journey?.querySelector<HTMLTextAreaElement>("#commitment");
  if (!textarea || textarea.dataset.counted) return;
  textarea.dataset.counted = "true";
  const count = document.createElement("div");
  count.id = "commitment-count";
  count.className = "govuk-hint govuk-character-count__message";
  count.setAttribute("aria-live", "polite");
  textarea.after(count);
  const update = () => {
    const left = limits.commitment - textarea.value.length;
    count.textContent =
      left >= 0
        ? `You have ${left.toLocaleString("en-GB")} character${left === 1 ? "" : "s"} remaining`
        : `You have ${(-left).toLocaleString("en-GB")} character${left === -1 ? "" : "s"} too many`;
    count.classList.toggle("govuk-error-message", left < 0);
  };
  textarea.addEventListener("input", update);
  update();
}

if (journey) {
  enhanceCharacterCount();
  journey.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const button = event.submitter instanceof HTMLButtonElement ? event.submitter : undefined;
    if (form.matches("[data-pledge-form]")) {
      event.preventDefault();
      void checkAnswers(form);
    } else if (form.matches("[data-pledge-check]") && button) {
      event.preventDefault();
      if (button.value === "change") showForm(valuesOf(form), {}, button.dataset.change ?? fieldAnchor.kind);
      else void sendPledge(form, button);
    }
  });
}
