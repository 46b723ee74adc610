/**
 * The token a "check your answers" page carries to the final submit. It proves the answers were
 * checked by this service at least a few seconds earlier (people read; scripts do not), and it
 * carries the idempotency key, so sending the same checked answers twice stores one pledge.
 */

export interface FormTokenPayload {
  idempotencyKey: string;
  issuedAt: number;
}

export type TokenProblem = "missing" | "forged" | "too-fast" | "expired";

export const tokenTiming = { minimumSeconds: 3, maximumSeconds: 4 * 60 * 60 } as const;

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

// Imported once per secret (a process has one): importing costs as much as signing.
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(secret, key);
  }
  return key;
}

export async function issueFormToken(secret: string, now: number, idempotencyKey = crypto.randomUUID()) {
  const body = base64url(encoder.encode(JSON.stringify({ k: idempotencyKey, t: now })));
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body)));
  return `${body}.${base64url(signature)}`;
}

export async function readFormToken(
  secret: string,
  token: unknown,
  now: number,
): Promise<{ ok: true; payload: FormTokenPayload } | { ok: false; problem: TokenProblem }> {
  if (typeof token !== "string" || token === "") return { ok: false, problem: "missing" };
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined || token.length > 512) return { ok: false, problem: "forged" };
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret),
    Buffer.from(signature, "base64url"),
    encoder.encode(body),
  );
  if (!valid) return { ok: false, problem: "forged" };
  let parsed: { k?: unknown; t?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, problem: "forged" };
  }
  if (typeof parsed.k !== "string" || typeof parsed.t !== "number") return { ok: false, problem: "forged" };
  const ageSeconds = (now - parsed.t) / 1000;
  if (ageSeconds < tokenTiming.minimumSeconds) return { ok: false, problem: "too-fast" };
  if (ageSeconds > tokenTiming.maximumSeconds) return { ok: false, problem: "expired" };
  return { ok: true, payload: { idempotencyKey: parsed.k, issuedAt: parsed.t } };
}
