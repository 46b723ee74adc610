/**
 * A pledger withdrawing their own pledge with the link in their e-mail, free of HTTP: the link
 * is checked, the pledge looked up, and only a pledge that may still be withdrawn is. Each
 * outcome is a type the edge maps to one page. Which statuses may be withdrawn is the
 * database's rule (its status trigger); withdrawableStatuses says it here so a page can offer
 * the button, and a test holds the two to each other on both engines.
 */
import withdrawalWords from "../../content/pledge-withdrawal.json" with { type: "json" };
import type { PledgeModeration, PledgeRecord, PledgeStatus } from "../storage/pledge-store.ts";
import { StorageRefusalError } from "../storage/pledge-store.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";
import { isWithdrawalKey } from "./withdrawal-key.ts";

export const withdrawableStatuses = ["pending", "approved"] as const satisfies readonly PledgeStatus[];
export type WithdrawableStatus = (typeof withdrawableStatuses)[number];

export const mayWithdraw = (status: PledgeStatus): status is WithdrawableStatus =>
  (withdrawableStatuses as readonly PledgeStatus[]).includes(status);

/** Who the history records as making the change. */
export const pledgerActor = "the pledger, by the link in their email";

const referencePattern = /^SC-[0-9A-Z]{8}$/;

export interface WithdrawalLink {
  reference: string | null | undefined;
  key: string | null | undefined;
}

export type WithdrawalOutcome =
  /** Not a link we sent, or to no pledge: the same answer, so a link reveals nothing. */
  | { kind: "invalid-link" }
  | { kind: "already-withdrawn"; reference: string }
  /** Rejected by the council: nothing to withdraw, nothing shown. */
  | { kind: "not-listed"; reference: string }
  /** A pledge that may be withdrawn, and has not been (yet). */
  | { kind: "withdrawable"; reference: string; name: string; status: WithdrawableStatus }
  | { kind: "withdrawn"; reference: string }
  /** The withdrawal could not be written: nothing changed, and the same button will work later. */
  | { kind: "unavailable"; reference: string; name: string; status: WithdrawableStatus };

export interface WithdrawalServiceDeps {
  storage: () => Promise<Pick<PledgeModeration, "show" | "setStatus">>;
  secret: () => Promise<string>;
  notices?: () => Promise<Pick<PledgeNotices, "withdrawn">>;
  log?: (event: { outcome: WithdrawalOutcome["kind"]; reference?: string; error?: string }) => void;
}

export function createWithdrawalService(deps: WithdrawalServiceDeps) {
  const log = deps.log ?? (() => {});

  /** The pledge the link names, or undefined when the link is not one we sent. */
  async function pledgeFor(link: WithdrawalLink): Promise<PledgeRecord | undefined> {
    const reference = link.reference?.trim().toUpperCase();
    if (!reference || !referencePattern.test(reference)) return undefined;
    if (!isWithdrawalKey(await deps.secret(), reference, link.key)) return undefined;
    return (await deps.storage()).show(reference);
  }

  function standing(pledge: PledgeRecord | undefined): WithdrawalOutcome {
    if (!pledge) return { kind: "invalid-link" };
    if (mayWithdraw(pledge.status)) {
      return { kind: "withdrawable", reference: pledge.reference, name: pledge.name ?? "", status: pledge.status };
    }
    if (pledge.status === "withdrawn") return { kind: "already-withdrawn", reference: pledge.reference };
    return { kind: "not-listed", reference: pledge.reference };
  }

  return {
    /** Opening the link: says where the pledge stands and changes nothing (mail scanners open links). */
    async look(link: WithdrawalLink): Promise<WithdrawalOutcome> {
      const outcome = standing(await pledgeFor(link));
      if (outcome.kind === "invalid-link") log({ outcome: outcome.kind });
      return outcome;
    },

    /** Pressing the button: withdraws the pledge if it still may be, and tells the pledger. */
    async withdraw(link: WithdrawalLink): Promise<WithdrawalOutcome> {
      const pledge = await pledgeFor(link);
      const before = standing(pledge);
      if (!pledge || before.kind !== "withdrawable") {
        if (before.kind === "invalid-link") log({ outcome: before.kind });
        return before;
      }
      try {
        await (await deps.storage()).setStatus({
          id: pledge.id,
          status: "withdrawn",
          actor: pledgerActor,
          reason: withdrawalWords.historyReason,
        });
      } catch (error) {
        // The database refused the change: the council decided in the meantime. Say what is true now.
        if (error instanceof StorageRefusalError) {
          const now = standing(await (await deps.storage()).show(pledge.id));
          if (now.kind === "already-withdrawn" || now.kind === "not-listed") return now;
        }
        log({ outcome: "unavailable", reference: pledge.reference, error: (error as Error).name });
        return { ...before, kind: "unavailable" };
      }
      log({ outcome: "withdrawn", reference: pledge.reference });
      await (await deps.notices?.())?.withdrawn(pledge);
      return { kind: "withdrawn", reference: pledge.reference };
    },
  };
}

export type WithdrawalService = ReturnType<typeof createWithdrawalService>;
