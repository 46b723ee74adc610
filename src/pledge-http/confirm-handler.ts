/**
 * GET, HEAD and POST /api/confirm — a pledger confirming their pledge. GET (and HEAD) only ever
 * show a page: the link's page with its one button, so a mail scanner opening the link three
 * times confirms nothing. POST confirms: from that button (intent=link, with the link's key), or
 * from the form on /pledge/confirm/ (intent=code, the reference and the code), or asks for a new
 * code (intent=resend). The confirmation service decides; this edge reads the request and turns
 * each outcome into one page and status code, drawn in the static /pledge/confirm/ page.
 */

import { fillTemplate } from "../fill-template.ts";
import { type ConfirmationService, normalisedReference } from "../pledge/confirmation-service.ts";
import { formWords } from "../pledge-form/form-words.ts";
import type { Markup } from "../pledge-form/html.ts";
import {
  renderConfirmButton,
  renderConfirmForm,
  renderConfirmResult,
  renderInvalidConfirmLink,
  confirmWords as words,
} from "../pledge-form/render-confirm.ts";
import {
  type LinkPageDeps,
  linkFunction,
  linkPages,
  readLinkForm,
  refusalWordsFrom,
  retryAfterSeconds,
} from "./link-pages.ts";
import { type RequestProblem, RequestRefusal } from "./request-checks.ts";

export interface ConfirmHandlerDeps extends LinkPageDeps {
  service: () => Promise<ConfirmationService>;
}

const errorPrefix = formWords.errorPrefix;
const refusalWords = refusalWordsFrom(words.problems);

export function createConfirmHandler(deps: ConfirmHandlerDeps) {
  const log = deps.log ?? ((entry) => console.info(JSON.stringify({ event: "confirm", ...entry })));

  const page = linkPages(deps.loadShell);

  const formPage = (request: Request, status: number, content: Markup, headers = {}) =>
    page(request, status, `${status >= 400 ? `${errorPrefix} ` : ""}${words.title}`, content, headers);

  async function look(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const reference = normalisedReference(params.get("ref") ?? "");
    const key = params.get("key") ?? "";
    if (!(await deps.service()).isLink(reference, key)) {
      return page(request, 404, words.invalidLink.title, renderInvalidConfirmLink());
    }
    return page(request, 200, words.link.title, renderConfirmButton(reference, key));
  }

  async function post(request: Request, network: string): Promise<Response> {
    let params: URLSearchParams;
    try {
      params = await readLinkForm(request, deps.allowedOrigins);
    } catch (error) {
      if (!(error instanceof RequestRefusal)) throw error;
      log({ outcome: error.code });
      const message = refusalWords[error.code as RequestProblem] ?? words.problems.unsupported;
      return formPage(request, error.status, renderConfirmForm({ problem: message }));
    }
    const service = await deps.service();
    const typedReference = params.get("ref") ?? "";
    const intent = params.get("intent");
    const outcome =
      intent === "link"
        ? await service.byLink(typedReference, params.get("key"))
        : intent === "resend"
          ? await service.resend(typedReference, network)
          : await service.byCode(typedReference, params.get("code") ?? "", network);
    switch (outcome.kind) {
      case "confirmed":
        return page(request, 200, words.confirmed.title, renderConfirmResult("confirmed", outcome.reference));
      case "already":
        return page(request, 200, words.already.title, renderConfirmResult("already", outcome.reference));
      case "sent":
        return page(
          request,
          200,
          words.resend.title,
          renderConfirmResult("resent", normalisedReference(typedReference)),
        );
      case "refused":
        // A signed link to a pledge no longer waiting (deleted, or moved on): the link is spent.
        if (intent === "link") return page(request, 404, words.invalidLink.title, renderInvalidConfirmLink());
        // A wrong code, no such pledge waiting, or a code used up: one answer for all three.
        return formPage(
          request,
          422,
          renderConfirmForm({ reference: typedReference, errors: { code: words.problems.wrongCode } }),
        );
      case "invalid":
        if (outcome.problem === "link") return page(request, 404, words.invalidLink.title, renderInvalidConfirmLink());
        return formPage(
          request,
          422,
          renderConfirmForm({
            reference: typedReference,
            errors: outcome.problem === "reference" ? { ref: words.problems.reference } : { code: words.problems.code },
          }),
        );
      case "rate-limited":
        return formPage(
          request,
          429,
          renderConfirmForm({
            reference: typedReference,
            problem: fillTemplate(words.problems.rateLimited, {
              minutes: String(Math.ceil(outcome.retryAfterSeconds / 60)),
            }),
          }),
          { "Retry-After": String(outcome.retryAfterSeconds) },
        );
    }
  }

  return linkFunction({
    look,
    act: post,
    log,
    // Nothing was confirmed: the person can press the button, or send the code, again.
    unavailable: (request) =>
      formPage(request, 503, renderConfirmForm({ problem: words.problems.unavailable }), {
        "Retry-After": String(retryAfterSeconds),
      }),
  });
}
