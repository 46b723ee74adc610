/**
 * What the pledge domain asks of e-mail, as a port: the domain says who must be told what, and
 * src/notify/ decides the words and how they are sent. Kept here so the domain never imports
 * the e-mail layer; notify/pledge-notices.ts implements it.
 */
import type { DueCheckIn } from "../storage/commitment-store.ts";
import type { IssuedConfirmation } from "../storage/confirmation-store.ts";
import type { ApprovalNotice, NewPledge, PledgeRecord } from "../storage/pledge-store.ts";
import type { IssuedAddressCode } from "../storage/pledger-store.ts";

/** What the council's e-mail and the pledger's receipt are written from. */
export type ReceivedPledge = Pick<NewPledge, "name" | "kind" | "listing" | "contact_email">;

/** Each answers whether every e-mail it meant to send was sent; none throws. */
export interface PledgeNotices {
  /** A pledge to review: the council is told, and the pledger gets a receipt. */
  received(pledge: ReceivedPledge, reference: string): Promise<boolean>;
  /** The code and link that confirm a pledge, to the address it was sent from: first, again, or as a reminder. */
  confirmationCode(issued: IssuedConfirmation, occasion: "first" | "reminder"): Promise<boolean>;
  duplicate(pledge: NewPledge): Promise<boolean>;
  approved(pledge: ApprovalNotice): Promise<boolean>;
  withdrawn(record: PledgeRecord): Promise<boolean>;
  /** Tells the council inbox (only) of a queued pledge the database refused, kept for an officer. */
  setAside(pledge: NewPledge, reason: string): Promise<boolean>;
  /** The link to manage a pledge, asked for again: to the pledge's own address only. */
  manageLink(reference: string, to: string): Promise<boolean>;
  /** The code that confirms a new address, to that address, which nobody has confirmed yet. */
  addressCode(issued: IssuedAddressCode): Promise<boolean>;
  /** Tells the address a pledge had that it has been replaced. */
  addressChanged(reference: string, previousEmail: string): Promise<boolean>;
  /** Tells the council inbox that a change to an approved pledge waits for an officer. */
  changeWaiting(reference: string): Promise<boolean>;
  /** Tells the pledger what an officer decided about their change. */
  changeDecided(
    pledge: { reference: string; contact_email: string | null },
    decision: "approved" | "rejected",
  ): Promise<boolean>;
  /** A check-in due: its link and the manage link, to the approved pledge's own address. */
  checkInDue(due: DueCheckIn): Promise<boolean>;
}
