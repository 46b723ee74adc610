/**
 * The holding place for pledges the database could not take: when it is unreachable, a checked
 * pledge is kept here (durably, under its idempotency key) and written to the database later by
 * drainQueue (src/pledge/queue-drain.ts), exactly once. Adapters: a folder (the embedded setup)
 * and Netlify Blobs (production).
 */
import type { NewPledge } from "./pledge-store.ts";

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
  /** Lets go of a set-aside pledge once an officer has stored or discarded it. */
  removeSetAside(key: string): Promise<void>;
}
