/**
 * Confirming a pledge's e-mail address: by the code typed on /pledge/confirm/, or by the button
 * on the page the e-mailed link opens (the link's key is checked here; opening it confirms
 * nothing). Once confirmed, a pledge goes to review: the council is told and the pledger gets a
 * receipt. Asking for the code again answers the same whether or not the reference waits, and
 * so does a wrong code; guesses and requests are limited per network here, and per pledge and
 * per address in the database.
 */
import type { ConfirmOutcome, PledgeConfirmations } from "../storage/confirmation-store.ts";
import type { PledgeModeration } from "../storage/pledge-store.ts";
import { isConfirmationKey } from "./confirmation-key.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";
import type { RateLimiter } from "./rate-limit.ts";

export interface ConfirmationServiceDeps {
  store: () => Promise<PledgeConfirmations & Pick<PledgeModeration, "show">>;
  notices?: Pick<PledgeNotices, "received" | "confirmationCode">;
  secret: string;
  /** Per network: codes typed. */
  guessLimiter: RateLimiter;
  /** Per network: codes asked for again. */
  resendLimiter: RateLimiter;
  now?: () => number;
  log?: (event: { outcome: string; reference?: string }) => void;
}

export type ConfirmationOutcome =
  | { kind: ConfirmOutcome; reference: string }
  | { kind: "invalid"; problem: "reference" | "code" | "link" }
  | { kind: "rate-limited"; retryAfterSeconds: number };

/** SC- and 8 characters, as new_pledge_reference makes them; typed in any case. */
const referencePattern = /^SC-[0-9A-HJKMNP-TV-Z]{8}$/;
const codePattern = /^[2-9A-Z]{6}$/;

export const normalisedReference = (typed: string) => typed.replace(/\s+/g, "").toUpperCase();
const normalisedCode = (typed: string) => typed.replace(/\s+/g, "").toUpperCase();

export function createConfirmationService(deps: ConfirmationServiceDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});

  async function confirmed(reference: string, outcome: ConfirmOutcome): Promise<ConfirmationOutcome> {
    log({ outcome, reference });
    if (outcome === "confirmed") {
      // Confirmed is confirmed: a failure to read the pledge back is logged, not shown as "nothing
      // changed"; the officers' queue has the pledge whether or not the council's e-mail went.
      try {
        const record = await (await deps.store()).show(reference);
        if (record?.name) await deps.notices?.received({ ...record, name: record.name }, reference);
      } catch {
        log({ outcome: "confirmed-untold", reference });
      }
    }
    return { kind: outcome, reference };
  }

  return {
    /** Whether a link's key is this reference's: the page with the button is shown only then. */
    isLink(reference: string, key: unknown): boolean {
      return referencePattern.test(normalisedReference(reference)) && isConfirmationKey(deps.secret, reference, key);
    },

    async byLink(reference: string, key: unknown): Promise<ConfirmationOutcome> {
      const named = normalisedReference(reference);
      if (!referencePattern.test(named) || !isConfirmationKey(deps.secret, named, key)) {
        return { kind: "invalid", problem: "link" };
      }
      return confirmed(named, await (await deps.store()).confirmByLink(named));
    },

    async byCode(reference: string, code: string, network: string): Promise<ConfirmationOutcome> {
      const named = normalisedReference(reference);
      if (!referencePattern.test(named)) return { kind: "invalid", problem: "reference" };
      if (!codePattern.test(normalisedCode(code))) return { kind: "invalid", problem: "code" };
      const decision = deps.guessLimiter.take(network, now());
      if (!decision.allowed) return { kind: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
      return confirmed(named, await (await deps.store()).confirmWithCode(named, normalisedCode(code)));
    },

    /** Sends a new code when the reference waits for confirmation; answers "sent" either way. */
    async resend(reference: string, network: string): Promise<ConfirmationOutcome | { kind: "sent" }> {
      const named = normalisedReference(reference);
      if (!referencePattern.test(named)) return { kind: "invalid", problem: "reference" };
      const decision = deps.resendLimiter.take(network, now());
      if (!decision.allowed) return { kind: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
      const issued = await (await deps.store()).issueConfirmationCode(named);
      if (issued) await deps.notices?.confirmationCode(issued, "first");
      log({ outcome: issued ? "sent" : "not-sent", reference: named });
      return { kind: "sent" };
    },
  };
}

export type ConfirmationService = ReturnType<typeof createConfirmationService>;
