/**
 * GET, HEAD and POST /api/manage — a pledger managing their own pledge from the link in their
 * e-mail. GET (and HEAD) only ever show: the pledge whole, its change form, a download of what
 * the council holds, or the page with one button that a new address's link opens; a mail
 * scanner opening any of them changes nothing. POST changes (intent=change), confirms a new
 * address (intent=confirm-address) or asks for the link again (intent=send-link, from the form on
 * /pledge/manage/). The manage service decides; this edge reads the request and turns each
 * outcome into one page and status code, drawn in the static /pledge/manage/ page.
 */

import { fillTemplate } from "../fill-template.ts";
import { normalisedReference } from "../pledge/confirmation-service.ts";
import type { ManageOutcome, ManageService } from "../pledge/manage-service.ts";
import { formWords } from "../pledge-form/form-words.ts";
import type { Markup } from "../pledge-form/html.ts";
import {
  renderAddressButton,
  renderAddressResult,
  renderChanged,
  renderChangeForm,
  renderInvalidManageLink,
  renderLinkSent,
  renderManagePage,
  renderSendLinkForm,
  manageWords as words,
} from "../pledge-form/render-manage.ts";
import { renderSubjectAccessPage } from "../pledge-form/render-subject-access.ts";
import { securityHeaders } from "../security-headers.ts";
import {
  type LinkPageDeps,
  linkFunction,
  linkPages,
  readLinkForm,
  refusalWordsFrom,
  retryAfterSeconds,
} from "./link-pages.ts";
import { answersFromParams, maxBodyBytes } from "./read-request.ts";
import { type RequestProblem, RequestRefusal } from "./request-checks.ts";

export interface ManageHandlerDeps extends LinkPageDeps {
  service: () => Promise<ManageService>;
}

const errorPrefix = formWords.errorPrefix;
const refusalWords = refusalWordsFrom(words.problems);
const referenceOf = (params: URLSearchParams) => normalisedReference(params.get("ref") ?? "");
const minutes = (seconds: number) => String(Math.ceil(seconds / 60));

export function createManageHandler(deps: ManageHandlerDeps) {
  const log = deps.log ?? ((entry) => console.info(JSON.stringify({ event: "manage", ...entry })));
  const page = linkPages(deps.loadShell);
  const titled = (status: number, title: string) => (status >= 400 ? `${errorPrefix} ${title}` : title);
  const invalidLink = (request: Request) => page(request, 404, words.invalidLink.title, renderInvalidManageLink());
  const sendLinkPage = (request: Request, status: number, content: Markup, headers = {}) =>
    page(request, status, titled(status, words.title), content, headers);

  /** A pledge's page, or its change form, with the outcome of what was asked. */
  function answer(request: Request, service: ManageService, outcome: ManageOutcome, view?: string | null) {
    if (outcome.kind === "invalid-link") return invalidLink(request);
    if (outcome.kind === "changed") {
      const hrefs = service.hrefs(outcome.reference, outcome.key);
      const title = outcome.change === "waiting" ? words.changed.waitingTitle : words.changed.appliedTitle;
      return page(request, 200, title, renderChanged(outcome, hrefs.self));
    }
    const { record } = outcome.view;
    const hrefs = service.hrefs(record.reference, outcome.key);
    const pageTitle = fillTemplate(words.page.title, { reference: record.reference });
    const changeTitle = fillTemplate(words.change.title, { reference: record.reference });
    switch (outcome.kind) {
      case "invalid":
        return page(
          request,
          422,
          titled(422, changeTitle),
          renderChangeForm(outcome.view, outcome.key, hrefs.self, { values: outcome.values, errors: outcome.errors }),
        );
      case "not-changeable":
        return page(
          request,
          409,
          titled(409, pageTitle),
          renderManagePage(outcome.view, outcome.key, hrefs, { problem: words.problems.notChangeable }),
        );
      case "pledge": {
        const changeable = record.status === "pending" || record.status === "approved";
        if (view === "change" && changeable) {
          return page(request, 200, changeTitle, renderChangeForm(outcome.view, outcome.key, hrefs.self));
        }
        return page(request, 200, pageTitle, renderManagePage(outcome.view, outcome.key, hrefs));
      }
    }
  }

  async function download(request: Request, service: ManageService, params: URLSearchParams, format: string) {
    const reference = referenceOf(params);
    const data = await service.download(reference, params.get("key"));
    if (!data || (format !== "json" && format !== "html")) return invalidLink(request);
    const body =
      format === "json"
        ? `${JSON.stringify(data, null, 2)}\n`
        : renderSubjectAccessPage(reference, data, { privacyLink: new URL("/privacy/", request.url).toString() });
    return new Response(request.method === "HEAD" ? null : body, {
      status: 200,
      headers: {
        ...securityHeaders,
        "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
        "Content-Disposition": `attachment; filename="pledge-${reference}.${format}"`,
        "Cache-Control": "no-store",
        "X-Robots-Tag": "noindex",
      },
    });
  }

  async function look(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const service = await deps.service();
    const addressCode = params.get("address-code");
    // The link in the e-mail to a new address: a page with one button, whatever the code; the
    // button's POST is what checks it.
    if (addressCode !== null) {
      const reference = referenceOf(params);
      return page(request, 200, words.address.title, renderAddressButton(reference, addressCode.trim()));
    }
    const format = params.get("download");
    if (format !== null) return download(request, service, params, format);
    return answer(request, service, await service.open(referenceOf(params), params.get("key")), params.get("view"));
  }

  async function post(request: Request, network: string): Promise<Response> {
    let params: URLSearchParams;
    try {
      params = await readLinkForm(request, deps.allowedOrigins, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof RequestRefusal)) throw error;
      log({ outcome: error.code });
      const message = refusalWords[error.code as RequestProblem] ?? words.problems.unsupported;
      return sendLinkPage(request, error.status, renderSendLinkForm({ problem: message }));
    }
    const service = await deps.service();
    const reference = params.get("ref") ?? "";
    const key = params.get("key");
    switch (params.get("intent")) {
      case "change":
        return answer(request, service, await service.change(reference, key, answersFromParams(params)));
      case "confirm-address":
        return confirmAddress(request, service, params, network);
      case "send-link": {
        const email = params.get("email") ?? "";
        const outcome = await service.sendLink(reference, email, network);
        if (outcome.kind === "sent") return page(request, 200, words.linkSent.title, renderLinkSent(outcome.reference));
        if (outcome.kind === "rate-limited") {
          return sendLinkPage(
            request,
            429,
            renderSendLinkForm({
              reference,
              email,
              problem: fillTemplate(words.problems.rateLimited, { minutes: minutes(outcome.retryAfterSeconds) }),
            }),
            { "Retry-After": String(outcome.retryAfterSeconds) },
          );
        }
        return sendLinkPage(
          request,
          422,
          renderSendLinkForm({
            reference,
            email,
            errors: {
              ...(outcome.errors.ref ? { ref: words.problems.reference } : {}),
              ...(outcome.errors.email ? { email: words.problems.email } : {}),
            },
          }),
        );
      }
      default:
        return sendLinkPage(request, 400, renderSendLinkForm({ problem: words.problems.unsupported }));
    }
  }

  /** From the new address's button (no key: a result page), or typed on the pledge's page (with its key). */
  async function confirmAddress(request: Request, service: ManageService, params: URLSearchParams, network: string) {
    const reference = params.get("ref") ?? "";
    const outcome = await service.confirmAddress(reference, params.get("code") ?? "", network);
    if (outcome.kind === "confirmed") {
      return page(request, 200, words.address.confirmedTitle, renderAddressResult("confirmed", outcome.reference));
    }
    const status = outcome.kind === "rate-limited" ? 429 : 422;
    const headers = outcome.kind === "rate-limited" ? { "Retry-After": String(outcome.retryAfterSeconds) } : {};
    const message =
      outcome.kind === "rate-limited"
        ? fillTemplate(words.problems.rateLimited, { minutes: minutes(outcome.retryAfterSeconds) })
        : outcome.kind === "invalid" && outcome.problem === "code"
          ? words.problems.code
          : words.problems.wrongCode;
    const opened = params.has("key") ? await service.open(reference, params.get("key")) : undefined;
    if (opened?.kind === "pledge") {
      const { record } = opened.view;
      return page(
        request,
        status,
        titled(status, fillTemplate(words.page.title, { reference: record.reference })),
        renderManagePage(opened.view, opened.key, service.hrefs(record.reference, opened.key), {
          addressError: message,
        }),
        headers,
      );
    }
    return page(
      request,
      status,
      titled(status, words.address.refusedTitle),
      renderAddressResult("refused", normalisedReference(reference)),
      headers,
    );
  }

  return linkFunction({
    look,
    act: post,
    log,
    // Nothing changed: the same link, form or button works again in a moment.
    unavailable: (request) =>
      sendLinkPage(request, 503, renderSendLinkForm({ problem: words.problems.unavailable }), {
        "Retry-After": String(retryAfterSeconds),
      }),
  });
}
