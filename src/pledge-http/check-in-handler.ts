/**
 * GET, HEAD and POST /api/check-in — a pledger checking in on their approved pledge from the link
 * in a check-in e-mail. GET (and HEAD) only show the form, so a mail scanner opening the link
 * stores nothing; the form's POST stores the answers for an officer to review. The check-in
 * service decides; this edge reads the request and turns each outcome into one page and status
 * code, drawn in the static /pledge/check-in/ page.
 */

import { fillTemplate } from "../fill-template.ts";
import type { CheckInOutcome, CheckInService } from "../pledge/check-in-service.ts";
import { normalisedReference } from "../pledge/confirmation-service.ts";
import { formWords } from "../pledge-form/form-words.ts";
import type { Markup } from "../pledge-form/html.ts";
import {
  renderCheckInForm,
  renderCheckInNotApproved,
  renderCheckInProblem,
  renderCheckInStored,
  renderInvalidCheckInLink,
  checkInWords as words,
} from "../pledge-form/render-check-in.ts";
import {
  type LinkPageDeps,
  linkFunction,
  linkPages,
  readLinkForm,
  refusalWordsFrom,
  retryAfterSeconds,
} from "./link-pages.ts";
import { type RequestProblem, RequestRefusal } from "./request-checks.ts";

export interface CheckInHandlerDeps extends LinkPageDeps {
  service: () => Promise<CheckInService>;
}

/**
 * Twelve commitments at most (eleven actions and the pledger's own), each a status, a link and a
 * note: roomy for their limits in any script, percent-encoded, and small enough to refuse abuse.
 */
const maxCheckInBytes = 64 * 1024;

const refusalWords = refusalWordsFrom(words.problems);
const titled = (status: number, title: string) => (status >= 400 ? `${formWords.errorPrefix} ${title}` : title);

export function createCheckInHandler(deps: CheckInHandlerDeps) {
  const log = deps.log ?? ((entry) => console.info(JSON.stringify({ event: "check-in", ...entry })));
  const page = linkPages(deps.loadShell);
  const problemPage = (request: Request, status: number, message: string, headers = {}) =>
    page(request, status, titled(status, words.problemTitle), renderCheckInProblem(message), headers);

  function answer(request: Request, outcome: CheckInOutcome): Promise<Response> {
    switch (outcome.kind) {
      case "invalid-link":
        return page(request, 404, titled(404, words.invalidLink.title), renderInvalidCheckInLink());
      case "not-approved":
        return page(
          request,
          409,
          titled(409, words.notApproved.title),
          renderCheckInNotApproved(outcome.reference, outcome.manageHref),
        );
      case "stored":
        return page(request, 200, words.stored.title, renderCheckInStored(outcome.reference, outcome.manageHref));
      case "form":
      case "invalid": {
        const status = outcome.kind === "invalid" ? 422 : 200;
        const title = fillTemplate(words.form.title, { reference: outcome.form.reference });
        const content: Markup = renderCheckInForm(
          outcome.form,
          outcome.kind === "invalid" ? outcome.errors : undefined,
        );
        return page(request, status, titled(status, title), content);
      }
    }
  }

  async function look(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const service = await deps.service();
    return answer(request, await service.open(normalisedReference(params.get("ref") ?? ""), params.get("key")));
  }

  async function post(request: Request): Promise<Response> {
    let params: URLSearchParams;
    try {
      params = await readLinkForm(request, deps.allowedOrigins, maxCheckInBytes);
    } catch (error) {
      if (!(error instanceof RequestRefusal)) throw error;
      log({ outcome: error.code });
      return problemPage(
        request,
        error.status,
        refusalWords[error.code as RequestProblem] ?? words.problems.unsupported,
      );
    }
    // The first of each name only: a field sent twice is answered by what the form shows.
    const typed: Record<string, string> = {};
    for (const [name, value] of params) if (!Object.hasOwn(typed, name)) typed[name] = value;
    const service = await deps.service();
    return answer(request, await service.submit(params.get("ref") ?? "", params.get("key"), typed));
  }

  return linkFunction({
    look,
    act: post,
    log,
    // Nothing was stored: the same link, or the same form sent again, works in a moment.
    unavailable: (request) =>
      problemPage(request, 503, words.problems.unavailable, { "Retry-After": String(retryAfterSeconds) }),
  });
}
