/**
 * Turning an HTTP request into pledge answers, refusing early and specifically what is not a
 * pledge at all: wrong method, wrong content type, too large, from another site, unreadable.
 */
import { pledgeFieldNames } from "../pledge/pledge-schema.ts";
import type { PledgeIntent, PledgeValues } from "../pledge/pledge-service.ts";
import { mediaTypeOf, RequestRefusal, readPost } from "./request-checks.ts";

export { RequestRefusal };

export const maxBodyBytes = 16 * 1024;

export type RequestFormat = "json" | "form";

export interface PledgeRequest {
  format: RequestFormat;
  intent: PledgeIntent;
  values: PledgeValues;
  token: string | undefined;
  honeypot: string | undefined;
}

// Answers are copied by name from this list only: nothing else in a body reaches the schema.
const answerNames: readonly string[] = [
  ...pledgeFieldNames.filter((name) => name !== "targetDate"),
  "targetDay",
  "targetMonth",
  "targetYear",
];

const formats: Record<string, RequestFormat> = {
  "application/json": "json",
  "application/x-www-form-urlencoded": "form",
};

export function formatOf(request: Request): RequestFormat | undefined {
  return formats[mediaTypeOf(request)];
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const multiValued = new Set(["actions"]);

function fromJson(body: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new RequestRefusal(400, "malformed");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new RequestRefusal(400, "malformed");
  }
  return parsed as Record<string, unknown>;
}

function fromForm(body: Uint8Array): Record<string, unknown> {
  return fromParams(new URLSearchParams(new TextDecoder("utf-8").decode(body)));
}

function fromParams(params: URLSearchParams): Record<string, unknown> {
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

/** A posted form's pledge answers, and nothing else it carries. */
export const answersFromParams = (params: URLSearchParams): PledgeValues => answersFrom(fromParams(params));

export async function readPledgeRequest(request: Request, allowedOrigins: readonly string[]): Promise<PledgeRequest> {
  if (request.method !== "POST") throw new RequestRefusal(405, "method-not-allowed", { Allow: "GET, POST" });
  const { mediaType, body } = await readPost(request, {
    mediaTypes: Object.keys(formats),
    allowedOrigins,
    maxBytes: maxBodyBytes,
  });
  const raw = formats[mediaType] === "json" ? fromJson(body) : fromForm(body);
  const intentText = text(raw.intent) ?? "check";
  if (intentText !== "check" && intentText !== "submit" && intentText !== "change") {
    throw new RequestRefusal(400, "unknown-intent");
  }
  return {
    format: formats[mediaType] ?? "form",
    intent: intentText,
    values: answersFrom(raw),
    token: text(raw.token),
    honeypot: text(raw.nickname),
  };
}
