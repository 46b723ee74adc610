/**
 * What the functions that answer an e-mailed link (withdraw, confirm) share: each answer is drawn
 * in the link's static page and never indexed, as it may carry the link's key; a request the
 * checks refuse is answered in the words of that page's content file.
 */
import type { Markup } from "../pledge-form/html.ts";
import { bareShell } from "../pledge-form/page-shell.ts";
import { securityHeaders } from "../security-headers.ts";
import { type RequestProblem, readPost } from "./request-checks.ts";
import { shellPage } from "./shell-page.ts";

/** A link's page posts a reference and a key, nothing more. */
const linkFormMaxBytes = 2048;
/** Nothing changed: the link, or the button, works again in a moment. */
export const retryAfterSeconds = 30;

export interface LinkPageDeps {
  /** The static page, the shell every answer is drawn in. */
  loadShell: (requestUrl: string) => Promise<string>;
  allowedOrigins: readonly string[];
  log?: (entry: Record<string, unknown>) => void;
}

export function linkPages(loadShell: LinkPageDeps["loadShell"]) {
  return async (request: Request, status: number, title: string, content: Markup, headers = {}) => {
    const shell = await loadShell(request.url).catch(() => bareShell());
    const response = shellPage(shell, { title, content }, status, { "X-Robots-Tag": "noindex", ...headers });
    return request.method === "HEAD" ? new Response(null, response) : response;
  };
}

export const refusalWordsFrom = (problems: {
  unsupported: string;
  foreignOrigin: string;
  tooLarge: string;
}): Record<RequestProblem, string> => ({
  "unsupported-media-type": problems.unsupported,
  "foreign-origin": problems.foreignOrigin,
  "too-large": problems.tooLarge,
});

/**
 * The form a link's page posts, through the shared checks: a RequestRefusal when one fails. A
 * page with only a button posts a few hundred bytes; a form of answers says how much it may.
 */
export async function readLinkForm(
  request: Request,
  allowedOrigins: readonly string[],
  maxBytes = linkFormMaxBytes,
): Promise<URLSearchParams> {
  const { body } = await readPost(request, {
    mediaTypes: ["application/x-www-form-urlencoded"],
    allowedOrigins,
    maxBytes,
  });
  return new URLSearchParams(new TextDecoder().decode(body));
}

export type LinkContext = { ip?: string; requestId?: string };

/**
 * The one way in to a function that answers an e-mailed link: GET and HEAD only ever look, POST
 * acts, any other method is refused. Whatever fails is logged by its name alone (never a
 * message that could hold the link's key) and answered as "nothing changed: try again in a
 * moment", in the function's own words.
 */
export function linkFunction(parts: {
  look: (request: Request) => Promise<Response>;
  act: (request: Request, network: string) => Promise<Response>;
  unavailable: (request: Request) => Promise<Response>;
  log: (entry: Record<string, unknown>) => void;
}) {
  return async (request: Request, context?: LinkContext): Promise<Response> => {
    const requestId = context?.requestId ?? crypto.randomUUID();
    try {
      if (request.method === "GET" || request.method === "HEAD") return await parts.look(request);
      if (request.method === "POST") return await parts.act(request, context?.ip ?? "unknown");
      return new Response(null, {
        status: 405,
        headers: { Allow: "GET, HEAD, POST", ...securityHeaders, "Cache-Control": "no-store" },
      });
    } catch (error) {
      parts.log({ requestId, outcome: "unavailable", error: (error as Error).name });
      return parts.unavailable(request);
    }
  };
}
