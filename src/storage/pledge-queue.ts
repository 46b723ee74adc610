/**
 * The holding place for pledges the database could not take: when it is unreachable, a checked
 * pledge is kept here (durably, under its idempotency key) and written to the database later by
 * drainQueue, exactly once. Adapters: a folder (the embedded setup) and Netlify Blobs (production).
 */
import type { PledgeNotices } from "../notify/pledge-notices.ts";
import type { NewPledge, PledgeStore } from "./pledge-store.ts";
import { StorageUnavailableError } from "./pledge-store.ts";

export interface PledgeQueue {
  /** Keeps a pledge until it is drained; the same key twice keeps one copy. */
  enqueue(pledge: NewPledge): Promise<void>;
  keys(): Promise<string[]>;
  read(key: string): Promise<NewPledge | undefined>;
  remove(key: string): Promise<void>;
}

export interface DrainResult {
  stored: number;
  alreadyStored: number;
  duplicates: number;
  /** Still queued because the database is still out of reach. */
  waiting: number;
}

/** Writes queued pledges to the database, oldest key first, stopping while it is unreachable. */
export async function drainQueue(
  queue: PledgeQueue,
  store: PledgeStore,
  notices?: Pick<PledgeNotices, "received" | "duplicate">,
): Promise<DrainResult> {
  const result: DrainResult = { stored: 0, alreadyStored: 0, duplicates: 0, waiting: 0 };
  const keys = await queue.keys();
  for (const [index, key] of keys.entries()) {
    const pledge = await queue.read(key);
    if (!pledge) continue;
    try {
      const outcome = await store.submit(pledge);
      if (outcome.outcome === "created") {
        result.stored += 1;
        await notices?.received(pledge, outcome.reference);
      } else if (outcome.outcome === "replayed") result.alreadyStored += 1;
      else {
        result.duplicates += 1;
        await notices?.duplicate(pledge);
      }
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error;
      result.waiting = keys.length - index;
      return result;
    }
    // Removed only once the database has answered: a crash here means a replay, not a loss.
    await queue.remove(key);
  }
  return result;
}
