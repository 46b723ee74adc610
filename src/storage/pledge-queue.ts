/**
 * The holding place for pledges the database could not take: when it is unreachable, a checked
 * pledge is kept here (durably, under its idempotency key) and written to the database later by
 * drainQueue, exactly once. Adapters: a folder (the embedded setup) and Netlify Blobs (production).
 */
import type { PledgeNotices } from "../notify/pledge-notices.ts";
import type { NewPledge, PledgeStore } from "./pledge-store.ts";
import { StorageRefusalError, StorageUnavailableError } from "./pledge-store.ts";

/** A queued pledge the database refused: kept, with the database's reason, for an officer. */
export interface SetAsidePledge {
  pledge: NewPledge;
  reason: string;
  setAsideAt: string;
}

export interface PledgeQueue {
  /** Keeps a pledge until it is drained; the same key twice keeps one copy. */
  enqueue(pledge: NewPledge): Promise<void>;
  keys(): Promise<string[]>;
  read(key: string): Promise<NewPledge | undefined>;
  remove(key: string): Promise<void>;
  /** Moves a queued pledge out of the drain's way, keeping it whole with the reason. */
  setAside(key: string, reason: string, at?: Date): Promise<void>;
  /** The pledges set aside, by key. */
  setAsidePledges(): Promise<SetAsidePledge[]>;
}

export interface DrainResult {
  stored: number;
  alreadyStored: number;
  duplicates: number;
  /** Refused by the database: moved aside for an officer, and the council inbox told. */
  setAside: number;
  /** Failed for a reason of ours rather than the database's: kept in the queue for the next run. */
  failed: number;
  /** Still queued because the database is still out of reach. */
  waiting: number;
}

/**
 * Writes queued pledges to the database, stopping while it is unreachable. No pledge can hold up
 * the others: one the database refuses is set aside, and one that fails otherwise stays queued
 * while the rest are written.
 */
export async function drainQueue(
  queue: PledgeQueue,
  store: PledgeStore,
  notices?: Pick<PledgeNotices, "received" | "duplicate" | "setAside">,
): Promise<DrainResult> {
  const result: DrainResult = { stored: 0, alreadyStored: 0, duplicates: 0, setAside: 0, failed: 0, waiting: 0 };
  const keys = await queue.keys();
  for (const [index, key] of keys.entries()) {
    const pledge = await queue.read(key);
    if (!pledge) continue;
    let outcome: Awaited<ReturnType<PledgeStore["submit"]>>;
    try {
      outcome = await store.submit(pledge);
    } catch (error) {
      if (error instanceof StorageUnavailableError) {
        result.waiting = keys.length - index;
        return result;
      }
      if (error instanceof StorageRefusalError) {
        await queue.setAside(key, error.message);
        result.setAside += 1;
        await notices?.setAside(pledge, error.message);
      } else {
        result.failed += 1;
      }
      continue;
    }
    if (outcome.outcome === "created") {
      result.stored += 1;
      await notices?.received(pledge, outcome.reference);
    } else if (outcome.outcome === "replayed") result.alreadyStored += 1;
    else {
      result.duplicates += 1;
      await notices?.duplicate(pledge);
    }
    // Removed only once the database has answered: a crash here means a replay, not a loss.
    await queue.remove(key);
  }
  return result;
}
