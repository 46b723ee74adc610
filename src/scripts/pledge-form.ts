/**
 * The pledge form, enhanced: the pledge's own rules (pledge-rules.ts, which the server's schema
 * is built from) check the answers before they are sent, and errors are shown on the form as the
 * server would draw them. Each step then travels as the plain form does, posted by fetch: the
 * function answers with the page it would show without JavaScript, and its journey takes the
 * place of the old one without reloading the page. A network failure is retried with the same
 * token (so the same idempotency key) while the person is told what is happening.
 * Without this script the form works the same way through full page loads.
 */

// Named, so the bundle keeps only these words of the form, not all of them.
import { errorPrefix, errorSummaryTitle, problems } from "../../content/pledge-form.json";
import { checkFormAnswers, type FormAnswers, limits, ukToday } from "../pledge/pledge-rules.ts";
import { fieldAnchor, pledgeEndpoint } from "../pledge-form/field-errors.ts";
import { problemSummary } from "../pledge-form/govuk-fields.ts";
import { journeyEnd, journeyStart } from "../pledge-form/page-shell.ts";
import { type MarkableElement, showFieldErrors } from "../pledge-form/show-field-errors.ts";

const journey = document.getElementById("pledge-journey");
const baseTitle = document.title;
const retryDelaysMs = [1000, 3000, 6000];

function focusOn(target: HTMLElement | null | undefined) {
  if (!target) return;
  if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
    target.setAttribute("tabindex", "-1");
  }
  target.focus();
  target.scrollIntoView({ block: "start" });
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

/** The choices the form on the page offers: the pledge catalogue, as the page was drawn from it. */
function offeredBy(form: HTMLFormElement) {
  const values = (selector: string) =>
    Array.from(form.querySelectorAll<HTMLInputElement>(selector), (control) => control.value).filter(Boolean);
  return {
    kind: values("[name=kind]"),
    ward: values("[name=ward] option"),
    actions: values("[name=actions]"),
    listing: values("[name=listing]"),
  };
}

function answersOf(form: HTMLFormElement): FormAnswers {
  const answers: FormAnswers = {};
  const data = new FormData(form);
  for (const name of new Set(data.keys())) {
    const all = data.getAll(name).map(String);
    answers[name] = name === "actions" ? all : all[0];
  }
  return answers;
}

async function post(body: FormData): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      // Sent as the plain form sends it: the function answers with the page it would show.
      return await fetch(pledgeEndpoint, {
        method: "POST",
        body: new URLSearchParams(body as unknown as Record<string, string>),
        credentials: "same-origin",
      });
    } catch (error) {
      // Network failures are retried with the same token; answers from the server are not.
      const delay = retryDelaysMs[attempt];
      if (delay === undefined) throw error;
      announce(problems.network);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Puts the journey of the function's page in place of this one; false if it held none. */
async function showAnswer(response: Response, focusField?: string): Promise<boolean> {
  // A pledge that was sent: the function says where its confirmation is.
  const next = response.ok ? response.headers.get("location") : null;
  if (next) {
    window.location.assign(next);
    return true;
  }
  const page = await response.text();
  const start = page.indexOf(journeyStart);
  const end = page.indexOf(journeyEnd);
  if (!journey || start < 0 || end < start) return false;
  journey.innerHTML = page.slice(start + journeyStart.length, end);
  document.title = new DOMParser().parseFromString(page, "text/html").title || baseTitle;
  focusOn(
    journey.querySelector<HTMLElement>(
      `.govuk-error-summary, #check-answers-heading${focusField ? `, #${focusField}` : ""}`,
    ) ?? journey.querySelector("form"),
  );
  enhanceCharacterCount();
  return true;
}

async function send(form: HTMLFormElement, intent: string, focusField?: string) {
  const body = new FormData(form);
  body.set("intent", intent);
  const button = form.querySelector<HTMLButtonElement>('button[value="submit"]');
  if (button) button.disabled = true;
  if (intent !== "change") announce(problems.sending);
  try {
    if (await showAnswer(await post(body), focusField)) return;
    announce(problems.unavailable);
  } catch {
    // Out of retries: the answers are still on the page, with the same token, to send again.
    journey?.querySelector(".govuk-error-summary")?.remove();
    form.insertAdjacentHTML("beforebegin", problemSummary(errorSummaryTitle, problems.unavailable).value);
    focusOn(journey?.querySelector<HTMLElement>(".govuk-error-summary"));
  }
  if (button) button.disabled = false;
}

function checkAnswers(form: HTMLFormElement) {
  const errors = checkFormAnswers(answersOf(form), offeredBy(form), ukToday());
  if (Object.keys(errors).length === 0) return void send(form, "check");
  showFieldErrors(journey as unknown as MarkableElement, form as unknown as MarkableElement, errors, {
    errorSummaryTitle,
    errorPrefix,
  });
  document.title = `${errorPrefix} ${baseTitle}`;
  focusOn(journey?.querySelector<HTMLElement>(".govuk-error-summary"));
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
      checkAnswers(form);
    } else if (form.matches("[data-pledge-check]") && button) {
      event.preventDefault();
      const change = button.value === "change";
      void send(form, button.value, change ? (button.dataset.change ?? fieldAnchor.kind) : undefined);
    }
  });
}
