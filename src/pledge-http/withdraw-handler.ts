/**
 * GET and POST /api/withdraw — a pledger withdrawing their own pledge from the link in their
 * e-mail. GET only ever shows a page (mail scanners open every link); POST, sent by the button on
 * that page, withdraws. The link's key is checked both times, so a reference alone does nothing.
 */
import type { PledgeNotices } from "../notify/pledge-notices.ts";
import { isWithdrawalKey } from "../pledge/withdrawal-key.ts";
import { formWords } from "../pledge-form/form-words.ts";
import type { Markup } from "../pledge-form/html.ts";
import { bareShell, fillShell } from "../pledge-form/page-shell.ts";
import {
  renderWithdrawalConfirm,
  renderWithdrawalProblem,
  renderWithdrawalResult,
  type WithdrawalResult,
  withdrawalWords as words,
} from "../pledge-form/render-withdrawal.ts";
import { securityHeaders } from "../security-headers.ts";
import type { PledgeModeration, PledgeRecord } from "../storage/pledge-store.ts";
import { StorageRefusalError } from "../storage/pledge-store.ts";

export interface WithdrawHandlerDeps {
  storage: () => Promise<Pick<PledgeModeration, "show" | "setStatus">>;
  secret: () => Promise<string>;
  notices?: () => Promise<Pick<PledgeNotices, "withdrawn">>;
  /** The static /pledge/withdraw/ page, the shell every answer is drawn in. */
  loadShell: (requestUrl: string) => Promise<string>;
  allowedOrigins: readonly string[];
  log?: (entry: Record<string, unknown>) => void;
}

const maxBodyBytes = 2048;
const retryAfterSeconds = 30;
// The page carries the link's key: never cached, never indexed.
const answerHeaders = { ...securityHeaders, "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
const referencePattern = /^SC-[0-9A-Z]{8}$/;
// Titles of pages that report a problem start as GOV.UK's do, so a screen reader hears it first.
const errorPrefix = formWords.errorPrefix;

export const pledgerActor = "the pledger, by the link in their email";

export function createWithdrawHandler(deps: WithdrawHandlerDeps) {
  const log = deps.log ?? ((entry) => console.info(JSON.stringify({ event: "withdraw", ...entry })));

  async function page(request: Request, status: number, title: string, content: Markup, headers = {}) {
    const shell = await deps.loadShell(request.url).catch(() => bareShell());
    return new Response(fillShell(shell, { title, content }), {
      status,
      headers: { "Content-Type": "text/html; charset=utf-8", ...answerHeaders, ...headers },
    });
  }

  const result = (request: Request, status: number, outcome: WithdrawalResult, reference?: string) =>
    page(request, status, words[outcome].title, renderWithdrawalResult(outcome, reference));
  const problem = (request: Request, status: number, message: string, headers = {}) =>
    page(request, status, `${errorPrefix} ${words.title}`, renderWithdrawalProblem(message), headers);

  /** The pledge the link names, or undefined when the link is not one we sent. */
  async function pledgeFor(reference: unknown, key: unknown): Promise<PledgeRecord | undefined> {
    if (typeof reference !== "string" || !referencePattern.test(reference)) return undefined;
    if (!isWithdrawalKey(await deps.secret(), reference, key)) return undefined;
    return (await deps.storage()).show(reference);
  }

  async function readForm(request: Request): Promise<URLSearchParams | Response> {
    const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") return problem(request, 415, words.problems.unsupported);
    const origin = request.headers.get("origin");
    const foreign = origin
      ? origin !== new URL(request.url).origin && !deps.allowedOrigins.includes(origin)
      : request.headers.get("sec-fetch-site") === "cross-site";
    if (foreign) return problem(request, 403, words.problems.foreignOrigin);
    if (Number(request.headers.get("content-length") ?? "0") > maxBodyBytes) {
      return problem(request, 413, words.problems.tooLarge);
    }
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > maxBodyBytes) return problem(request, 413, words.problems.tooLarge);
    return new URLSearchParams(new TextDecoder().decode(body));
  }

  async function respond(request: Request, requestId: string): Promise<Response> {
    if (request.method !== "GET" && request.method !== "POST") {
      return new Response(null, { status: 405, headers: { Allow: "GET, POST", ...answerHeaders } });
    }
    let params: URLSearchParams;
    if (request.method === "POST") {
      const form = await readForm(request);
      if (form instanceof Response) return form;
      params = form;
    } else {
      params = new URL(request.url).searchParams;
    }
    const reference = params.get("ref")?.trim().toUpperCase();
    const key = params.get("key");
    const pledge = await pledgeFor(reference, key);
    if (!pledge) {
      log({ requestId, outcome: "invalid-link" });
      return result(request, 404, "invalidLink");
    }
    if (pledge.status === "withdrawn") return result(request, 200, "alreadyWithdrawn", pledge.reference);
    if (pledge.status === "rejected") return result(request, 200, "notListed", pledge.reference);
    const confirm = (problemText?: string) =>
      renderWithdrawalConfirm({
        reference: pledge.reference,
        name: pledge.name ?? "",
        status: pledge.status as "pending" | "approved",
        key: key ?? "",
        ...(problemText ? { problem: problemText } : {}),
      });
    if (request.method === "GET") return page(request, 200, words.confirm.title, confirm());

    try {
      await (await deps.storage()).setStatus({
        id: pledge.id,
        status: "withdrawn",
        actor: pledgerActor,
        reason: "Withdrawn by the pledger",
      });
    } catch (error) {
      // The council decided in the meantime (rejected it): show what is true now.
      if (error instanceof StorageRefusalError) {
        const now = await (await deps.storage()).show(pledge.id);
        if (now?.status === "withdrawn") return result(request, 200, "alreadyWithdrawn", pledge.reference);
        if (now?.status === "rejected") return result(request, 200, "notListed", pledge.reference);
      }
      // Nothing changed: the same button, with the reason, so pressing it again is the fix.
      log({ requestId, outcome: "unavailable", error: (error as Error).name });
      return page(request, 503, `${errorPrefix} ${words.confirm.title}`, confirm(words.problems.unavailable), {
        "Retry-After": String(retryAfterSeconds),
      });
    }
    log({ requestId, outcome: "withdrawn", reference: pledge.reference });
    await (await deps.notices?.())?.withdrawn(pledge);
    return result(request, 200, "withdrawn", pledge.reference);
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
