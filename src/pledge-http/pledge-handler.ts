/**
 * The pledge function's request → response mapping. Each outcome of the pledge service has one
 * status code; a person posting the plain HTML form gets a page, the enhanced form gets JSON.
 * A GET is a person, not a pledge: the confirmation page of a pledge just sent (the form's
 * redirect after a POST lands here), and anything else (a reload, a bookmark) goes to the form.
 */
import { clientNetwork } from "../pledge/client-network.ts";
import type { PledgeAttempt, PledgeOutcome, PledgeValues } from "../pledge/pledge-service.ts";
import { pledgeEndpoint } from "../pledge-form/field-errors.ts";
import { formWords as words } from "../pledge-form/form-words.ts";
import { html, type Markup } from "../pledge-form/html.ts";
import { bareShell } from "../pledge-form/page-shell.ts";
import { renderCheckAnswers, renderSendAgain } from "../pledge-form/render-check-answers.ts";
import { type Confirmation, confirmationWords, renderConfirmation } from "../pledge-form/render-confirmation.ts";
import { renderPledgeForm } from "../pledge-form/render-pledge-form.ts";
import { renderProblem } from "../pledge-form/render-problem.ts";
import { securityHeaders } from "../security-headers.ts";
import { formatOf, type PledgeRequest, RequestRefusal, readPledgeRequest } from "./read-request.ts";
import { shellPage } from "./shell-page.ts";

/** Handles one attempt; origin is the request's, for links when the site has no configured address. */
export type PledgeAttemptHandler = (attempt: PledgeAttempt, origin: string) => Promise<PledgeOutcome>;

/** The static pages every HTML answer is drawn in: the form's, and the confirmation's. */
export const shellPaths = { form: "/pledge/", confirmation: words.confirmationPath } as const;
export type ShellPath = (typeof shellPaths)[keyof typeof shellPaths];

export interface PledgeHandlerDeps {
  handle: PledgeAttemptHandler;
  /** A static page of the site (shellPaths), the shell an HTML answer is drawn in. */
  loadShell: (requestUrl: string, path: ShellPath) => Promise<string>;
  allowedOrigins: readonly string[];
  log?: (entry: Record<string, unknown>) => void;
}

const retryAfterUnavailable = 30;
const referencePattern = /^SC-[0-9A-Z]{8}$/;
// Answers are never cached (they hold what a person typed) and carry the same security
// headers as the static site.
const noStore = { "Cache-Control": "no-store" };

/**
 * Where a pledge that was sent goes next. A stored pledge's reference travels in the address
 * only to be shown back: the page never looks a pledge up by it, so it reads nothing stored.
 */
function confirmationLocation(outcome: PledgeOutcome): string {
  if ((outcome.kind === "received" || outcome.kind === "discarded") && outcome.reference) {
    return `${pledgeEndpoint}?${new URLSearchParams({ reference: outcome.reference })}`;
  }
  if (outcome.kind === "queued") return `${pledgeEndpoint}?queued`;
  return words.confirmationPath;
}

/** The confirmation a GET asks for, or undefined when it names none (a reload of a form post). */
function confirmationAsked(url: URL): Confirmation | undefined {
  const reference = url.searchParams.get("reference");
  if (reference !== null) return referencePattern.test(reference) ? { kind: "sent", reference } : undefined;
  return url.searchParams.has("queued") ? { kind: "queued" } : undefined;
}
const answerHeaders = { ...securityHeaders, ...noStore };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...answerHeaders, ...headers },
  });

export function createPledgeHandler(deps: PledgeHandlerDeps) {
  const log = deps.log ?? ((entry) => console.info(JSON.stringify({ event: "pledge", ...entry })));

  async function page(
    requestUrl: string,
    status: number,
    title: string,
    content: Markup,
    headers: Record<string, string> = {},
    path: ShellPath = shellPaths.form,
  ) {
    const shell = await deps.loadShell(requestUrl, path).catch(() => bareShell());
    return shellPage(shell, { title, content }, status, headers);
  }

  function asJson(outcome: PledgeOutcome): Response {
    switch (outcome.kind) {
      case "invalid":
        return json(422, {
          error: "invalid",
          message: words.errorSummaryTitle,
          errors: Object.entries(outcome.errors).map(([field, message]) => ({ field, message })),
        });
      case "refused":
        // A field named: shown on it, as any invalid answer is. None: the check page says so.
        return outcome.field
          ? json(422, {
              error: "refused",
              message: words.errorSummaryTitle,
              errors: [{ field: outcome.field, message: words.problems["refused-answer"] }],
            })
          : json(422, { error: "refused", message: words.problems.refused });
      case "edit":
        return json(200, { status: "edit" });
      case "check":
        return json(200, { status: "check", token: outcome.token, pledge: outcome.pledge });
      case "token-problem":
        return json(422, {
          error: "token",
          problem: outcome.problem,
          message: words.problems[outcome.problem],
          token: outcome.token,
        });
      // A discarded pledge is answered exactly as a stored one: a script learns nothing.
      case "received":
      case "discarded":
        return json(201, {
          status: "received",
          ...(outcome.reference ? { reference: outcome.reference } : {}),
          redirect: confirmationLocation(outcome),
        });
      case "queued":
        return json(202, { status: "queued", redirect: confirmationLocation(outcome) });
      case "already-listed":
        return json(409, { error: "duplicate", message: words.problems["already-listed"] });
      case "rate-limited":
        return json(
          429,
          { error: "rate-limited", message: words.problems["rate-limited"] },
          { "Retry-After": String(outcome.retryAfterSeconds) },
        );
      case "unavailable":
        return json(
          503,
          { error: "unavailable", message: words.problems.unavailable },
          { "Retry-After": String(retryAfterUnavailable) },
        );
    }
  }

  function asPage(
    url: string,
    outcome: PledgeOutcome,
    values: PledgeValues,
    token: string | undefined,
    fetchedByScript: boolean,
  ): Promise<Response> | Response {
    const formTitle = words.title;
    switch (outcome.kind) {
      case "invalid":
        return page(
          url,
          422,
          `${words.errorPrefix} ${formTitle}`,
          renderPledgeForm({ values, errors: outcome.errors }),
        );
      case "refused":
        return page(
          url,
          422,
          `${words.errorPrefix} ${formTitle}`,
          outcome.field
            ? renderPledgeForm({ values, errors: { [outcome.field]: words.problems["refused-answer"] } })
            : html`${renderProblem(words.problems.refused)}${renderPledgeForm({ values })}`,
        );
      case "edit":
        return page(url, 200, formTitle, renderPledgeForm({ values }));
      case "check":
        return page(url, 200, words.check.title, renderCheckAnswers(outcome));
      case "token-problem":
        // Sent sooner than a script-free person usually could: not an error, so no error summary,
        // and the same token, which is good once the few seconds have passed.
        if (outcome.problem === "too-fast" && token) {
          return page(
            url,
            422,
            words.check.title,
            renderSendAgain({ pledge: outcome.pledge, values: outcome.values, token }),
          );
        }
        return page(
          url,
          422,
          `${words.errorPrefix} ${words.check.title}`,
          renderCheckAnswers({ ...outcome, problem: words.problems[outcome.problem] }),
        );
      case "received":
      case "discarded":
      case "queued":
        // A form post is sent on with 303. The form's script is told where to go instead: a
        // fetch that follows a redirect over plain http (npm start) is upgraded to https by the
        // CSP's upgrade-insecure-requests and fails, while the page's own navigation is not.
        return fetchedByScript
          ? new Response(null, {
              status: outcome.kind === "queued" ? 202 : 201,
              headers: { Location: confirmationLocation(outcome), ...noStore },
            })
          : new Response(null, { status: 303, headers: { Location: confirmationLocation(outcome), ...noStore } });
      case "already-listed":
        return page(url, 409, `${words.errorPrefix} ${formTitle}`, renderProblem(words.problems["already-listed"]));
      case "rate-limited":
        return page(
          url,
          429,
          `${words.errorPrefix} ${formTitle}`,
          html`${renderProblem(words.problems["rate-limited"])}${renderPledgeForm({ values })}`,
          { "Retry-After": String(outcome.retryAfterSeconds) },
        );
      case "unavailable":
        return page(
          url,
          503,
          `${words.errorPrefix} ${words.check.title}`,
          renderCheckAnswers({ ...outcome, problem: words.problems.unavailable }),
          {
            "Retry-After": String(retryAfterUnavailable),
          },
        );
    }
  }

  function answerGet(request: Request): Promise<Response> | Response {
    const confirmation = confirmationAsked(new URL(request.url));
    if (!confirmation) {
      return new Response(null, { status: 303, headers: { Location: shellPaths.form, ...answerHeaders } });
    }
    return page(
      request.url,
      200,
      confirmationWords.title,
      renderConfirmation(confirmation),
      { "X-Robots-Tag": "noindex" },
      shellPaths.confirmation,
    );
  }

  return async function pledgeHandler(
    request: Request,
    context?: { ip?: string; requestId?: string },
  ): Promise<Response> {
    const requestId = context?.requestId ?? crypto.randomUUID();
    if (request.method === "GET") return answerGet(request);
    let parsed: PledgeRequest;
    try {
      parsed = await readPledgeRequest(request, deps.allowedOrigins);
    } catch (error) {
      if (!(error instanceof RequestRefusal)) {
        log({ requestId, status: 400, reason: "unreadable-body" });
        return json(400, { error: "malformed", message: words.problems.unreadable });
      }
      log({ requestId, status: error.status, reason: error.code });
      const message = words.problems[error.code as keyof typeof words.problems] ?? words.problems.unreadable;
      // A person posting the plain form sees the reason on a page, not as JSON.
      if (formatOf(request) === "form" && error.status !== 405) {
        return page(
          request.url,
          error.status,
          `${words.errorPrefix} ${words.title}`,
          renderProblem(message),
          error.headers,
        );
      }
      return json(error.status, { error: error.code, message }, error.headers);
    }
    let outcome: PledgeOutcome;
    try {
      outcome = await deps.handle(
        {
          intent: parsed.intent,
          values: parsed.values,
          token: parsed.token,
          honeypot: parsed.honeypot,
          // Limited by network: an IPv6 household holds a whole /64.
          client: clientNetwork(context?.ip),
        },
        new URL(request.url).origin,
      );
    } catch (error) {
      // A fault of ours, not the sender's: keep their answers, say so, and log only the id.
      log({ requestId, status: 503, reason: "unexpected", error: (error as Error).name });
      if (parsed.format === "form") {
        return page(
          request.url,
          503,
          `${words.errorPrefix} ${words.title}`,
          html`${renderProblem(words.problems.unavailable)}${renderPledgeForm({ values: parsed.values })}`,
          { "Retry-After": String(retryAfterUnavailable) },
        );
      }
      return json(
        503,
        { error: "unavailable", message: words.problems.unavailable },
        { "Retry-After": String(retryAfterUnavailable) },
      );
    }
    log({ requestId, outcome: outcome.kind, format: parsed.format });
    // Browsers say how a request was made: "navigate" for a form post, "cors" or "same-origin" for fetch.
    const fetchedByScript = (request.headers.get("sec-fetch-mode") ?? "navigate") !== "navigate";
    return parsed.format === "json"
      ? asJson(outcome)
      : asPage(request.url, outcome, parsed.values, parsed.token, fetchedByScript);
  };
}
