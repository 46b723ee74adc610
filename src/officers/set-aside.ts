/**
 * Pledges set aside: sent while the database was out of reach, then refused by it when the queue
 * was drained. An officer sees each with the database's reason, corrects it in the public form's
 * fields (checked by the same schema) and stores it as its author sent it (online, with their own
 * tick of the privacy notice and their idempotency key), waiting for its author to confirm it as
 * any pledge from the form does, or discards it. Either way the queue's
 * store lets go of it only after the database has recorded what the officer did.
 */
import { type ConfirmationIssuer, tellOfStoredPledge } from "../pledge/after-storing.ts";
import type { PledgeNotices } from "../pledge/pledge-notices-port.ts";
import { type FieldErrors, fieldErrorsOf, makePledgeSchema, ukToday } from "../pledge/pledge-schema.ts";
import { toNewPledge } from "../pledge/pledge-service.ts";
import type { OfficerConsoleStore } from "../storage/officer-store.ts";
import type { PledgeQueue, SetAsidePledge } from "../storage/pledge-queue.ts";
import { StorageRefusalError } from "../storage/pledge-store.ts";

const queueKeyPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type SetAsideOutcome =
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "stored"; reference: string }
  | { kind: "duplicate" }
  | { kind: "refused"; reason: string }
  | { kind: "discarded" }
  | { kind: "not-found" };

export interface SetAsideDeps {
  queue: () => Promise<PledgeQueue>;
  store: () => Promise<OfficerConsoleStore>;
  /** A set-aside pledge came from the public form: once stored, its author is asked to confirm it. */
  confirmations: () => Promise<ConfirmationIssuer>;
  notices: () => Promise<Pick<PledgeNotices, "received" | "confirmationCode">>;
  now?: () => number;
}

export function createSetAsideReview(deps: SetAsideDeps) {
  const now = deps.now ?? Date.now;
  /** Only a key the queue holds is acted on: a key from an address bar is never a path. */
  const find = async (key: string): Promise<SetAsidePledge | undefined> =>
    queueKeyPattern.test(key)
      ? (await (await deps.queue()).setAsidePledges()).find((entry) => entry.pledge.idempotency_key === key)
      : undefined;

  return {
    list: async () => (await deps.queue()).setAsidePledges(),
    find,

    async store(token: string, key: string, values: Record<string, unknown>): Promise<SetAsideOutcome> {
      const entry = await find(key);
      if (!entry) return { kind: "not-found" };
      // The author ticked the privacy notice when they sent it; the officer corrects the rest.
      const parsed = makePledgeSchema(() => ukToday(new Date(now()))).safeParse({ ...values, privacy: "yes" });
      if (!parsed.success) return { kind: "invalid", errors: fieldErrorsOf(parsed.error) };
      const pledge = toNewPledge(parsed.data, {
        idempotencyKey: entry.pledge.idempotency_key,
        charterVersion: entry.pledge.charter_version,
        acknowledgedAt: entry.pledge.privacy_acknowledged_at,
        channel: "online",
      });
      try {
        const result = await (await deps.store()).storeSetAside(token, pledge);
        if (result.outcome === "duplicate") return { kind: "duplicate" };
        await (await deps.queue()).removeSetAside(key);
        if (result.outcome === "created") {
          await tellOfStoredPledge(pledge, result.reference, await deps.confirmations(), await deps.notices());
        }
        return { kind: "stored", reference: result.reference };
      } catch (error) {
        if (error instanceof StorageRefusalError) return { kind: "refused", reason: error.message };
        throw error;
      }
    },

    async discard(token: string, key: string): Promise<SetAsideOutcome> {
      if (!(await find(key))) return { kind: "not-found" };
      await (await deps.store()).discardSetAside(token, key);
      await (await deps.queue()).removeSetAside(key);
      return { kind: "discarded" };
    },
  };
}

export type SetAsideReview = ReturnType<typeof createSetAsideReview>;
