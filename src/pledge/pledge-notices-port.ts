/**
 * What the pledge domain asks of e-mail, as a port: the domain says who must be told what, and
 * src/notify/ decides the words and how they are sent. Kept here so the domain never imports
 * the e-mail layer; notify/pledge-notices.ts implements it.
 */
import type { ApprovalNotice, NewPledge, PledgeRecord } from "../storage/pledge-store.ts";

/** Each answers whether every e-mail it meant to send was sent; none throws. */
export interface PledgeNotices {
  received(pledge: NewPledge, reference: string): Promise<boolean>;
  duplicate(pledge: NewPledge): Promise<boolean>;
  approved(pledge: ApprovalNotice): Promise<boolean>;
  withdrawn(record: PledgeRecord): Promise<boolean>;
  /** Tells the council inbox (only) of a queued pledge the database refused, kept for an officer. */
  setAside(pledge: NewPledge, reason: string): Promise<boolean>;
}
