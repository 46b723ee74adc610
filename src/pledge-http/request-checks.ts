/**
 * The checks every POST to a function of this site passes before its body is read as answers:
 * a content type the function reads, sent from this site's own pages, and no larger than the
 * function allows. The body is read in pieces and abandoned as soon as it passes the limit, so a
 * large or endless body (whatever its Content-Length says) is never held in memory. Both the
 * pledge and the withdrawal functions use these; each says the refusal in its own words.
 */

export type RequestProblem = "unsupported-media-type" | "foreign-origin" | "too-large";

const statusOf: Record<RequestProblem, number> = {
  "unsupported-media-type": 415,
  "foreign-origin": 403,
  "too-large": 413,
};

export class RequestRefusal extends Error {
  override name = "RequestRefusal";
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, headers: Record<string, string> = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export interface PostRules {
  /** Media types the function reads, in lower case, without parameters. */
  mediaTypes: readonly string[];
  /** Origins other than the request's own that may post (a preview deploy, say). */
  allowedOrigins: readonly string[];
  maxBytes: number;
}

/** The media type a request declares, in lower case and without its parameters (charset…). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Sent from another site's page: by its Origin, or, from a browser that sends none, by Sec-Fetch-Site. */
export function isForeign(request: Request, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.get("origin");
  if (origin) return origin !== new URL(request.url).origin && !allowedOrigins.includes(origin);
  return request.headers.get("sec-fetch-site") === "cross-site";
}

/** The body, read piece by piece and given up at the first byte over the limit. */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new RequestRefusal(statusOf["too-large"], "too-large");
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A POST's media type and body, once it has passed every check, in the order a person can act
 * on: what was sent (415), where from (403), then how much (413). Throws a RequestRefusal.
 */
export async function readPost(request: Request, rules: PostRules): Promise<{ mediaType: string; body: Uint8Array }> {
  const mediaType = mediaTypeOf(request);
  if (!rules.mediaTypes.includes(mediaType)) {
    throw new RequestRefusal(statusOf["unsupported-media-type"], "unsupported-media-type");
  }
  if (isForeign(request, rules.allowedOrigins)) throw new RequestRefusal(statusOf["foreign-origin"], "foreign-origin");
  return { mediaType, body: await readBodyWithin(request, rules.maxBytes) };
}
