/**
 * Who is told what once a new pledge is stored, wherever it was stored from (the form, the outage
 * queue's drain, an officer): a pledge waiting for its author to confirm it gets a code and a link
 * sent to its address, and nothing else, since its address is not yet shown to be theirs; any
 * other is received: the council is told, and the pledger gets a receipt.
 */
import type { PledgeConfirmations } from "../storage/confirmation-store.ts";
import type { NewPledge } from "../storage/pledge-store.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";

export type ConfirmationIssuer = Pick<PledgeConfirmations, "issueConfirmationCode">;

/** Says whether every e-mail meant was sent; a failure never undoes the stored pledge. */
export async function tellOfStoredPledge(
  pledge: NewPledge,
  reference: string,
  store: ConfirmationIssuer,
  notices: Pick<PledgeNotices, "received" | "confirmationCode"> | undefined,
): Promise<boolean> {
  if (pledge.status !== "unconfirmed") return (await notices?.received(pledge, reference)) ?? true;
  const issued = await store.issueConfirmationCode(reference);
  if (!issued) return false;
  return (await notices?.confirmationCode(issued, "first")) ?? true;
}
