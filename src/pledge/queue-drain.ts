/**
 * Writing queued pledges to the database once it answers again, and telling people as if they had
 * just pledged (after-storing.ts). Domain logic over two storage ports (the queue and the store) and the notices
 * port, so it lives beside the pledge service rather than in storage.
 */
import type { PledgeQueue } from "../storage/pledge-queue.ts";
import type { PledgeStore } from "../storage/pledge-store.ts";
import { StorageRefusalError, StorageUnavailableError } from "../storage/pledge-store.ts";
import { type ConfirmationIssuer, tellOfStoredPledge } from "./after-storing.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";

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
  store: PledgeStore & ConfirmationIssuer,
  notices?: Pick<PledgeNotices, "received" | "confirmationCode" | "duplicate" | "setAside">,
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
      await tellOfStoredPledge(pledge, outcome.reference, store, notices);
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
