/**
 * The pledge function's request → response mapping. Each outcome of the pledge service has one
 * status code; a person posting the plain HTML form gets a page, the enhanced form gets JSON.
 */
import { clientNetwork } from "../pledge/client-network.ts";
import type { PledgeAttempt, PledgeOutcome, PledgeValues } from "../pledge/pledge-service.ts";
import { formWords as words } from "../pledge-form/form-words.ts";
import { html, type Markup } from "../pledge-form/html.ts";
import { bareShell, fillShell } from "../pledge-form/page-shell.ts";
import { renderCheckAnswers } from "../pledge-form/render-check-answers.ts";
import { renderPledgeForm } from "../pledge-form/render-pledge-form.ts";
import { renderProblem } from "../pledge-form/render-problem.ts";
import { securityHeaders } from "../security-headers.ts";
import { formatOf, type PledgeRequest, RequestRefusal, readPledgeRequest } from "./read-request.ts";

export type PledgeAttemptHandler = (attempt: PledgeAttempt) => Promise<PledgeOutcome>;

export interface PledgeHandlerDeps {
  handle: PledgeAttemptHandler;
  /** The static /pledge/ page, the shell every HTML answer is drawn in. */
  loadShell: (requestUrl: string) => Promise<string>;
  allowedOrigins: readonly string[];
  log?: (entry: Record<string, unknown>) => void;
}

const retryAfterUnavailable = 30;
// Answers are never cached (they hold what a person typed) and carry the same security
// headers as the static site.
const noStore = { "Cache-Control": "no-store" };
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
  ) {
    let shell: string;
    try {
      shell = await deps.loadShell(requestUrl);
    } catch {
      shell = bareShell();
    }
    return new Response(fillShell(shell, { title, content }), {
      status,
      headers: { "Content-Type": "text/html; charset=utf-8", ...answerHeaders, ...headers },
    });
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
      case "received":
      case "discarded":
        return json(201, { status: "received", redirect: words.confirmationPath });
      case "queued":
        return json(202, { status: "queued", redirect: words.confirmationPath });
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

  function asPage(url: string, outcome: PledgeOutcome, values: PledgeValues): Promise<Response> | Response {
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
        return page(
          url,
          422,
          `${words.errorPrefix} ${words.check.title}`,
          renderCheckAnswers({ ...outcome, problem: words.problems[outcome.problem] }),
        );
      case "received":
      case "discarded":
      case "queued":
        return new Response(null, { status: 303, headers: { Location: words.confirmationPath, ...noStore } });
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

  return async function pledgeHandler(
    request: Request,
    context?: { ip?: string; requestId?: string },
  ): Promise<Response> {
    const requestId = context?.requestId ?? crypto.randomUUID();
    let parsed: PledgeRequest;
    try {
      parsed = await readPledgeRequest(request, deps.allowedOrigins);
    } catch (error) {
      if (!(error instanceof RequestRefusal)) {
        log({ requestId, status: 400, reason: "unreadable-body" });
        return json(400, { error: "malformed", message: "The request could not be read." });
      }
      log({ requestId, status: error.status, reason: error.code });
      // A person posting the plain form sees the reason on a page, not as JSON.
      if (formatOf(request) === "form" && error.status !== 405) {
        return page(
          request.url,
          error.status,
          `${words.errorPrefix} ${words.title}`,
          renderProblem(error.message),
          error.headers,
        );
      }
      return json(error.status, { error: error.code, message: error.message }, error.headers);
    }
    let outcome: PledgeOutcome;
    try {
      outcome = await deps.handle({
        intent: parsed.intent,
        values: parsed.values,
        token: parsed.token,
        honeypot: parsed.honeypot,
        // Limited by network: an IPv6 household holds a whole /64.
        client: clientNetwork(context?.ip),
      });
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
    return parsed.format === "json" ? asJson(outcome) : asPage(request.url, outcome, parsed.values);
  };
}
