/**
 * Signing an officer in with a typed code, never a link, so a mail scanner that opens every link
 * cannot use a code up. An address that is not on the officers' list gets the same answer as one
 * that is, and no e-mail. Per network, code requests and code guesses are limited here; per
 * officer, the database limits codes (5 an hour) and tries (5 a code).
 */
import { isEmail } from "../pledge/pledge-rules.ts";
import type { RateLimiter } from "../pledge/rate-limit.ts";
import type { OfficerSignIn } from "../storage/officer-store.ts";

/** Tells an officer their code; says whether the e-mail left. */
export type SendCode = (to: { email: string; name: string }, code: string) => Promise<boolean>;

export interface OfficerSignInDeps {
  store: () => Promise<OfficerSignIn>;
  sendCode: SendCode;
  /** Per network: asking for codes. */
  codeLimiter: RateLimiter;
  /** Per network: typing codes. */
  guessLimiter: RateLimiter;
  now?: () => number;
}

export type CodeRequestOutcome =
  | { kind: "invalid"; problem: "missing" | "format" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** Sent when the address is an officer's; the answer never says which. */
  | { kind: "asked"; email: string };

export type SignInOutcome =
  | { kind: "invalid"; problem: "missing" | "format" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "wrong-code" }
  | { kind: "signed-in"; token: string; expiresAt: string };

const normalisedAddress = (address: string) => address.trim().toLowerCase();

export function createOfficerSignIn(deps: OfficerSignInDeps) {
  const now = deps.now ?? Date.now;
  return {
    async requestCode(address: string, network: string): Promise<CodeRequestOutcome> {
      const email = normalisedAddress(address);
      if (email === "") return { kind: "invalid", problem: "missing" };
      if (!isEmail(email)) return { kind: "invalid", problem: "format" };
      const decision = deps.codeLimiter.take(network, now());
      if (!decision.allowed) return { kind: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
      const issued = await (await deps.store()).requestSignInCode(email);
      if (issued) await deps.sendCode({ email: issued.email, name: issued.name }, issued.code);
      return { kind: "asked", email };
    },

    async signIn(address: string, typedCode: string, network: string): Promise<SignInOutcome> {
      const email = normalisedAddress(address);
      const code = typedCode.replace(/\s+/g, "");
      if (code === "") return { kind: "invalid", problem: "missing" };
      if (!/^\d{6}$/.test(code)) return { kind: "invalid", problem: "format" };
      const decision = deps.guessLimiter.take(network, now());
      if (!decision.allowed) return { kind: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
      const session = await (await deps.store()).signIn(email, code);
      return session
        ? { kind: "signed-in", token: session.session_token, expiresAt: session.expires_at }
        : { kind: "wrong-code" };
    },
  };
}

export type OfficerSignInService = ReturnType<typeof createOfficerSignIn>;
