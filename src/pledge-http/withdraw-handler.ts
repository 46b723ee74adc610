/**
 * GET and POST /api/withdraw — a pledger withdrawing their own pledge from the link in their
 * e-mail. GET only ever shows a page (mail scanners open every link); POST, sent by the button on
 * that page, withdraws. The withdrawal service checks the link and decides; this edge reads the
 * request and turns each outcome into one page and status code.
 */

import {
  createWithdrawalService,
  type WithdrawalLink,
  type WithdrawalOutcome,
  type WithdrawalServiceDeps,
} from "../pledge/withdrawal-service.ts";
import { formWords } from "../pledge-form/form-words.ts";
import {
  renderWithdrawalConfirm,
  renderWithdrawalProblem,
  renderWithdrawalResult,
  withdrawalWords as words,
} from "../pledge-form/render-withdrawal.ts";
import { securityHeaders } from "../security-headers.ts";
import { type LinkPageDeps, linkPages, readLinkForm, refusalWordsFrom, retryAfterSeconds } from "./link-pages.ts";
import { type RequestProblem, RequestRefusal } from "./request-checks.ts";

export { pledgerActor } from "../pledge/withdrawal-service.ts";

export interface WithdrawHandlerDeps
  extends Pick<WithdrawalServiceDeps, "storage" | "secret" | "notices">,
    LinkPageDeps {}

// Titles of pages that report a problem start as GOV.UK's do, so a screen reader hears it first.
const errorPrefix = formWords.errorPrefix;
const refusalWords = refusalWordsFrom(words.problems);

export function createWithdrawHandler(deps: WithdrawHandlerDeps) {
  const log = deps.log ?? ((entry) => console.info(JSON.stringify({ event: "withdraw", ...entry })));
  // One per request, so each log line carries its own request's id; making one costs nothing.
  const serviceFor = (requestId: string) =>
    createWithdrawalService({
      storage: deps.storage,
      secret: deps.secret,
      ...(deps.notices ? { notices: deps.notices } : {}),
      log: (event) => log({ requestId, ...event }),
    });

  const page = linkPages(deps.loadShell);

  const problem = (request: Request, status: number, message: string, headers = {}) =>
    page(request, status, `${errorPrefix} ${words.title}`, renderWithdrawalProblem(message), headers);

  function answer(request: Request, link: WithdrawalLink, outcome: WithdrawalOutcome): Promise<Response> {
    switch (outcome.kind) {
      case "invalid-link":
        return page(request, 404, words.invalidLink.title, renderWithdrawalResult("invalidLink"));
      case "already-withdrawn":
        return page(
          request,
          200,
          words.alreadyWithdrawn.title,
          renderWithdrawalResult("alreadyWithdrawn", outcome.reference),
        );
      case "not-listed":
        return page(request, 200, words.notListed.title, renderWithdrawalResult("notListed", outcome.reference));
      case "withdrawn":
        return page(request, 200, words.withdrawn.title, renderWithdrawalResult("withdrawn", outcome.reference));
      case "withdrawable":
        return page(request, 200, words.confirm.title, renderWithdrawalConfirm({ ...outcome, key: link.key ?? "" }));
      case "unavailable":
        // Nothing changed: the same button, with the reason, so pressing it again is the fix.
        return page(
          request,
          503,
          `${errorPrefix} ${words.confirm.title}`,
          renderWithdrawalConfirm({ ...outcome, key: link.key ?? "", problem: words.problems.unavailable }),
          { "Retry-After": String(retryAfterSeconds) },
        );
    }
  }

  async function respond(request: Request, requestId: string): Promise<Response> {
    const service = serviceFor(requestId);
    if (request.method === "GET") {
      const params = new URL(request.url).searchParams;
      const link = { reference: params.get("ref"), key: params.get("key") };
      return answer(request, link, await service.look(link));
    }
    if (request.method !== "POST") {
      return new Response(null, {
        status: 405,
        headers: { Allow: "GET, POST", ...securityHeaders, "Cache-Control": "no-store" },
      });
    }
    let params: URLSearchParams;
    try {
      params = await readLinkForm(request, deps.allowedOrigins);
    } catch (error) {
      if (!(error instanceof RequestRefusal)) throw error;
      log({ requestId, outcome: error.code });
      return problem(request, error.status, refusalWords[error.code as RequestProblem] ?? words.problems.unsupported);
    }
    const link = { reference: params.get("ref"), key: params.get("key") };
    return answer(request, link, await service.withdraw(link));
  }

  return async function withdrawHandler(
    request: Request,
    context?: { ip?: string; requestId?: string },
  ): Promise<Response> {
    const requestId = context?.requestId ?? crypto.randomUUID();
    try {
      return await respond(request, requestId);
    } catch (error) {
      // The pledge could not even be looked up: nothing changed, and the link still works later.
      log({ requestId, outcome: "unavailable", error: (error as Error).name });
      return problem(request, 503, words.problems.unavailableLink, { "Retry-After": String(retryAfterSeconds) });
    }
  };
}
