/**
 * The pledge journey's rules, free of HTTP and SQL: check the answers, show them back with a
 * signed token, and store them once the person confirms. Each outcome is a type the edge maps to
 * one status code and one message.
 */
import type { PledgeQueue } from "../storage/pledge-queue.ts";
import type { NewPledge, PledgeStore } from "../storage/pledge-store.ts";
import { StorageRefusalError, StorageUnavailableError } from "../storage/pledge-store.ts";
import { type ConfirmationIssuer, tellOfStoredPledge } from "./after-storing.ts";
import { decoyReference } from "./decoy-reference.ts";
import { issueFormToken, readFormToken, type TokenProblem } from "./form-token.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";
import {
  type FieldErrors,
  fieldErrorsOf,
  makePledgeSchema,
  type Pledge,
  type PledgeFieldName,
  ukToday,
} from "./pledge-schema.ts";
import type { RateLimiter } from "./rate-limit.ts";

/**
 * What the person sent, by field name, kept as sent so a form shown again loses nothing. From a
 * form these are strings (a list for the actions); from JSON they may be anything, for the
 * schema to refuse.
 */
export type PledgeValues = Record<string, unknown>;

export type PledgeIntent = "check" | "submit" | "change";

export interface PledgeAttempt {
  intent: PledgeIntent;
  values: PledgeValues;
  token?: string | undefined;
  /** The field people never see; anything in it was typed by a script. */
  honeypot?: string | undefined;
  client: string;
  channel?: NewPledge["channel"];
}

export type PledgeOutcome =
  | { kind: "invalid"; errors: FieldErrors; values: PledgeValues }
  /** The database's rules refused what the schema let through; the field, when it names one. */
  | { kind: "refused"; field?: PledgeFieldName; values: PledgeValues }
  | { kind: "edit"; values: PledgeValues }
  | { kind: "check"; pledge: Pledge; values: PledgeValues; token: string }
  | { kind: "token-problem"; problem: TokenProblem; pledge: Pledge; values: PledgeValues; token: string }
  | { kind: "received"; reference?: string }
  /** Kept safely in the queue while the database is unreachable; written to it later. */
  | { kind: "queued" }
  | { kind: "already-listed" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "discarded"; reference: string }
  | { kind: "unavailable"; pledge: Pledge; values: PledgeValues; token: string };

export interface PledgeServiceDeps {
  store: () => Promise<PledgeStore & ConfirmationIssuer>;
  /** Where a checked pledge waits when the database cannot be reached. */
  queue?: () => Promise<PledgeQueue>;
  /** E-mails about a stored pledge; a pledge kept in the queue is written about when drained. */
  notices?: PledgeNotices;
  secret: string;
  charterVersion: string;
  checkLimiter: RateLimiter;
  submitLimiter: RateLimiter;
  now?: () => number;
  log?: (event: { outcome: PledgeOutcome["kind"]; reason?: string; reference?: string }) => void;
}

export function createPledgeService(deps: PledgeServiceDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  // One schema a day (its date checks depend on the day), not one per request: building it is
  // most of the cost of checking a pledge.
  let schemaOfTheDay: { day: string; schema: ReturnType<typeof makePledgeSchema> } | undefined;
  const schemaFor = (time: number) => {
    const day = ukToday(new Date(time));
    if (schemaOfTheDay?.day !== day) schemaOfTheDay = { day, schema: makePledgeSchema(() => day) };
    return schemaOfTheDay.schema;
  };

  return async function handle(attempt: PledgeAttempt): Promise<PledgeOutcome> {
    const time = now();
    const limiter = attempt.intent === "submit" ? deps.submitLimiter : deps.checkLimiter;
    const rate = limiter.take(attempt.client, time);
    if (!rate.allowed) {
      log({ outcome: "rate-limited", reason: attempt.intent });
      return { kind: "rate-limited", retryAfterSeconds: rate.retryAfterSeconds };
    }
    if (attempt.intent === "change") return { kind: "edit", values: attempt.values };

    const parsed = schemaFor(time).safeParse(attempt.values);
    if (!parsed.success) return { kind: "invalid", errors: fieldErrorsOf(parsed.error), values: attempt.values };
    const pledge = parsed.data;

    if (attempt.intent === "check") {
      return { kind: "check", pledge, values: attempt.values, token: await issueFormToken(deps.secret, time) };
    }

    if (attempt.honeypot) {
      log({ outcome: "discarded", reason: "honeypot" });
      // Answered as a stored pledge would be, so a script learns nothing from the answer.
      return { kind: "discarded", reference: await decoyReference(deps.secret, crypto.randomUUID()) };
    }
    const token = await readFormToken(deps.secret, attempt.token, time);
    if (!token.ok) {
      log({ outcome: "token-problem", reason: token.problem });
      return {
        kind: "token-problem",
        problem: token.problem,
        pledge,
        values: attempt.values,
        token: await issueFormToken(deps.secret, time),
      };
    }

    const row = toNewPledge(pledge, {
      idempotencyKey: token.payload.idempotencyKey,
      charterVersion: deps.charterVersion,
      acknowledgedAt: new Date(time).toISOString(),
      channel: attempt.channel ?? "online",
    });
    try {
      // A database that cannot even be opened is as unavailable as one that does not answer.
      const store = await deps.store().catch((error: unknown) => {
        throw error instanceof StorageUnavailableError
          ? error
          : new StorageUnavailableError(`The database could not be opened: ${(error as Error).message}`, {
              cause: error,
            });
      });
      const result = await store.submit(row);
      if (result.outcome === "duplicate") {
        await deps.notices?.duplicate(row);
        log({ outcome: result.publiclyListed ? "already-listed" : "received", reason: "duplicate" });
        // Only an organisation already on the public wall is told it has pledged: anything
        // else would tell a stranger whether an address has been used.
        return result.publiclyListed
          ? { kind: "already-listed" }
          : { kind: "received", reference: await decoyReference(deps.secret, row.idempotency_key) };
      }
      if (result.outcome === "created") await tellOfStoredPledge(row, result.reference, store, deps.notices);
      log({ outcome: "received", reason: result.outcome, reference: result.reference });
      return { kind: "received", reference: result.reference };
    } catch (error) {
      // A refusal is an answer to the person, never "received": the pledge is not stored.
      if (error instanceof StorageRefusalError) {
        log({ outcome: "refused", reason: error.column ?? "no column named" });
        const field = error.column ? fieldOfColumn[error.column as keyof NewPledge] : undefined;
        return { kind: "refused", ...(field ? { field } : {}), values: attempt.values };
      }
      // Only a database that cannot be reached may queue a pledge; a fault of ours is reported.
      if (!(error instanceof StorageUnavailableError)) throw error;
      if (deps.queue) {
        try {
          await (await deps.queue()).enqueue(row);
          log({ outcome: "queued", reason: error.message });
          return { kind: "queued" };
        } catch (queueError) {
          log({ outcome: "unavailable", reason: `queue: ${(queueError as Error).message}` });
        }
      }
      log({ outcome: "unavailable", reason: error.message });
      // The same token (and so the same idempotency key) lets the person send again safely.
      return { kind: "unavailable", pledge, values: attempt.values, token: attempt.token ?? "" };
    }
  };
}

/** The form field a person changes to put right a value stored in each column. */
export const fieldOfColumn: Partial<Record<keyof NewPledge, PledgeFieldName>> = {
  name: "name",
  kind: "kind",
  ward: "ward",
  website: "website",
  actions: "actions",
  commitment: "commitment",
  target_date: "targetDate",
  contact_name: "contactName",
  contact_email: "email",
  listing: "listing",
};

/** What the public may see of a checked pledge, as the database's columns hold it. */
export function publicFieldsOf(pledge: Pledge) {
  return {
    name: pledge.name,
    kind: pledge.kind,
    ward: pledge.ward ?? null,
    website: pledge.website ?? null,
    actions: pledge.actions,
    commitment: pledge.commitment || null,
    target_date: pledge.targetDate ?? null,
    listing: pledge.listing,
  };
}

export function toNewPledge(
  pledge: Pledge,
  context: { idempotencyKey: string; charterVersion: string; acknowledgedAt: string; channel: NewPledge["channel"] },
): NewPledge {
  return {
    idempotency_key: context.idempotencyKey,
    ...publicFieldsOf(pledge),
    contact_name: pledge.contactName,
    contact_email: pledge.email || null,
    privacy_acknowledged_at: context.acknowledgedAt,
    charter_version: context.charterVersion,
    channel: context.channel,
    // Anyone can type anyone's address into the public form: its pledges wait until the
    // address's owner confirms. An officer's statement confirms the pledges they take.
    status: context.channel === "online" ? "unconfirmed" : "pending",
  };
}
