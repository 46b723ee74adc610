/**
 * Turning an HTTP request into pledge answers, refusing early and specifically what is not a
 * pledge at all: wrong method, wrong content type, too large, from another site, unreadable.
 */
import { pledgeFieldNames } from "../pledge/pledge-schema.ts";
import type { PledgeIntent, PledgeValues } from "../pledge/pledge-service.ts";

export const maxBodyBytes = 16 * 1024;

export type RequestFormat = "json" | "form";

export interface PledgeRequest {
  format: RequestFormat;
  intent: PledgeIntent;
  values: PledgeValues;
  token: string | undefined;
  honeypot: string | undefined;
}

export class RequestRefusal extends Error {
  override name = "RequestRefusal";
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

// Answers are copied by name from this list only: nothing else in a body reaches the schema.
const answerNames: readonly string[] = [
  ...pledgeFieldNames.filter((name) => name !== "targetDate"),
  "targetDay",
  "targetMonth",
  "targetYear",
];
export function formatOf(request: Request): RequestFormat | undefined {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  return undefined;
}

export function checkOrigin(request: Request, allowedOrigins: readonly string[]) {
  const origin = request.headers.get("origin");
  const own = new URL(request.url).origin;
  if (origin && origin !== own && !allowedOrigins.includes(origin)) {
    throw new RequestRefusal(403, "foreign-origin", "Pledges can only be sent from this website's own pledge form.");
  }
  if (!origin && request.headers.get("sec-fetch-site") === "cross-site") {
    throw new RequestRefusal(403, "foreign-origin", "Pledges can only be sent from this website's own pledge form.");
  }
}

async function readCapped(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new RequestRefusal(
      413,
      "too-large",
      `A pledge must be smaller than ${maxBodyBytes / 1024} KB. Shorten your own commitment and try again.`,
    );
  if (declared > maxBodyBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const multiValued = new Set(["actions"]);

function fromJson(body: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new RequestRefusal(400, "malformed", "The request body is not valid JSON in UTF-8.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new RequestRefusal(400, "malformed", "The request body must be a JSON object of answers.");
  }
  return parsed as Record<string, unknown>;
}

function fromForm(body: Uint8Array): Record<string, unknown> {
  const params = new URLSearchParams(new TextDecoder("utf-8").decode(body));
  const out: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    if (!Object.hasOwn(out, name)) out[name] = multiValued.has(name) ? params.getAll(name) : params.get(name);
  }
  return out;
}

function answersFrom(raw: Record<string, unknown>): PledgeValues {
  const values: PledgeValues = {};
  for (const name of answerNames) {
    if (!Object.hasOwn(raw, name)) continue;
    // Whatever the type, the schema decides: a number where text belongs is refused there,
    // with the field's own message.
    values[name] = raw[name];
  }
  return values;
}

export async function readPledgeRequest(request: Request, allowedOrigins: readonly string[]): Promise<PledgeRequest> {
  if (request.method !== "POST") {
    throw new RequestRefusal(405, "method-not-allowed", "Send a pledge with POST.", { Allow: "POST" });
  }
  const format = formatOf(request);
  if (!format) {
    throw new RequestRefusal(
      415,
      "unsupported-media-type",
      "Send a pledge as application/json or application/x-www-form-urlencoded.",
    );
  }
  checkOrigin(request, allowedOrigins);
  const body = await readCapped(request);
  const raw = format === "json" ? fromJson(body) : fromForm(body);
  const intentText = text(raw.intent) ?? "check";
  if (intentText !== "check" && intentText !== "submit" && intentText !== "change") {
    throw new RequestRefusal(400, "unknown-intent", 'intent must be "check", "submit" or "change".');
  }
  return {
    format,
    intent: intentText,
    values: answersFrom(raw),
    token: text(raw.token),
    honeypot: text(raw.nickname),
  };
}
