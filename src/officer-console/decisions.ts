/**
 * An officer's decision on one pledge, from the forms on its page: approve, reject with a reason
 * from content/ and optional words of the officer's own, withdraw, or erase; for a change its
 * author asked for, approve or reject that change, with optional words of the officer's own; for
 * a check-in its author sent, accept it, accept it without its evidence and notes, or reject it
 * with the officer's reason. Every move but a pledge's approval cannot be undone, so it is asked
 * to be confirmed first; the database decides whether the move is allowed, and says why not.
 */
import type { OfficerCheckIns } from "../storage/commitment-store.ts";
import type { OfficerConsoleStore } from "../storage/officer-store.ts";
import type { PledgeRecord } from "../storage/pledge-store.ts";
import { consoleWords as words } from "./console-words.ts";

export const decisionActions = [
  "approve",
  "reject",
  "withdraw",
  "erase",
  "approve-change",
  "reject-change",
  "accept-check-in",
  "accept-check-in-without-evidence",
  "reject-check-in",
] as const;
export type DecisionAction = (typeof decisionActions)[number];
export type RejectionReasonId = keyof typeof words.rejectionReasons;
export const rejectionReasonIds = Object.keys(words.rejectionReasons) as RejectionReasonId[];

export interface Decision {
  action: DecisionAction;
  reasonId?: RejectionReasonId;
  detail?: string;
  /** The change the officer read: if its author has replaced it since, nothing is decided. */
  changeId?: number;
  /** The check-in the officer read: if its author has sent a newer one since, nothing is decided. */
  checkInId?: string;
}

export type DecisionErrors = Partial<Record<"reason" | "detail" | "changeReason" | "checkInReason", string>>;

const changeActions: readonly DecisionAction[] = ["approve-change", "reject-change"];
export const isChangeDecision = (decision: Decision) => changeActions.includes(decision.action);

const checkInDecisions = {
  "accept-check-in": "accept",
  "accept-check-in-without-evidence": "accept-without-evidence",
  "reject-check-in": "reject",
} as const satisfies Partial<Record<DecisionAction, string>>;
type CheckInAction = keyof typeof checkInDecisions;
export const isCheckInDecision = (decision: Decision): decision is Decision & { action: CheckInAction } =>
  Object.hasOwn(checkInDecisions, decision.action);

/** The name of the field a decision's own words are sent in, on its form and its confirmation. */
export const detailFieldOf = (decision: Decision) =>
  isChangeDecision(decision) ? "changeReason" : isCheckInDecision(decision) ? "checkInReason" : "detail";

const detailLimit = 800;

export function readDecision(
  form: FormData,
): { ok: true; decision: Decision; confirmed: boolean } | { ok: false; errors: DecisionErrors; decision: Decision } {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const action = text("action") as DecisionAction;
  const decision: Decision = { action: decisionActions.includes(action) ? action : "approve" };
  const errors: DecisionErrors = {};
  if (decision.action === "reject") {
    const reasonId = text("reason") as RejectionReasonId;
    const detail = text("detail");
    if (rejectionReasonIds.includes(reasonId)) decision.reasonId = reasonId;
    else errors.reason = words.decide.rejectReasonMissing;
    if (detail) decision.detail = detail;
    if (detail.length > detailLimit) errors.detail = words.decide.rejectDetailTooLong;
  }
  if (isChangeDecision(decision)) {
    const changeId = Number(text("change"));
    if (Number.isSafeInteger(changeId) && changeId > 0) decision.changeId = changeId;
  }
  if (decision.action === "reject-change") {
    const detail = text("changeReason");
    if (detail) decision.detail = detail;
    if (detail.length > detailLimit) errors.changeReason = words.changes.reasonTooLong;
  }
  if (isCheckInDecision(decision)) {
    const checkInId = text("checkIn");
    // An id as the database gives them, a number or a UUID; anything else names no check-in.
    if (/^[0-9A-Za-z-]{1,64}$/.test(checkInId)) decision.checkInId = checkInId;
  }
  if (decision.action === "reject-check-in") {
    const detail = text("checkInReason");
    if (detail) decision.detail = detail;
    if (!detail) errors.checkInReason = words.checkIns.reasonMissing;
    else if (detail.length > detailLimit) errors.checkInReason = words.checkIns.reasonTooLong;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, decision };
  return { ok: true, decision, confirmed: decision.action === "approve" || text("confirm") === "yes" };
}

/** The reason kept in the history: the chosen reason's words, then the officer's own. */
export const reasonText = (decision: Decision) =>
  decision.reasonId
    ? [words.rejectionReasons[decision.reasonId], decision.detail].filter(Boolean).join(": ")
    : undefined;

export type DecisionOutcome =
  | "approved"
  | "rejected"
  | "withdrawn"
  | "erasedDone"
  | "unchanged"
  | "not-found"
  | "changeApproved"
  | "changeRejected"
  | "changeNone"
  | "checkInAccepted"
  | "checkInAcceptedWithoutEvidence"
  | "checkInRejected"
  | "checkInNone";

const changeOutcomes = { approved: "changeApproved", rejected: "changeRejected", none: "changeNone" } as const;

const checkInOutcomes = {
  accept: "checkInAccepted",
  "accept-without-evidence": "checkInAcceptedWithoutEvidence",
  reject: "checkInRejected",
} as const;

const statusOf = { approve: "approved", reject: "rejected", withdraw: "withdrawn" } as const;

export async function applyDecision(
  stores: { officers: OfficerConsoleStore; checkIns: OfficerCheckIns },
  token: string,
  record: PledgeRecord,
  decision: Decision,
): Promise<DecisionOutcome> {
  const store = stores.officers;
  if (
    decision.action === "accept-check-in" ||
    decision.action === "accept-check-in-without-evidence" ||
    decision.action === "reject-check-in"
  ) {
    const checkInId = decision.checkInId;
    // Only a check-in of this pledge, still waiting, is one the officer read on its page.
    const waiting = (await stores.checkIns.checkInsFor(token, record.id)).filter((each) => each.review === "waiting");
    if (!checkInId || !waiting.some((each) => String(each.id) === checkInId)) return "checkInNone";
    const checkIn = checkInDecisions[decision.action];
    const outcome = await stores.checkIns.decideCheckIn(token, {
      checkInId,
      decision: checkIn,
      reason: decision.detail,
    });
    return outcome === "decided" ? checkInOutcomes[checkIn] : "checkInNone";
  }
  if (decision.action === "erase") {
    return (await store.eraseFor(token, record.id)) === "erased" ? "erasedDone" : "not-found";
  }
  if (decision.action === "approve-change" || decision.action === "reject-change") {
    const approve = decision.action === "approve-change";
    const outcome = await store.decideChange(token, {
      pledgeId: record.id,
      approve,
      changeId: decision.changeId,
      // The database keeps a reason with every rejected change; the officer's own words are optional.
      reason: approve ? undefined : (decision.detail ?? words.changes.noReasonGiven),
    });
    return changeOutcomes[outcome];
  }
  const status = statusOf[decision.action];
  const reason = reasonText(decision);
  const outcome = await store.decide(token, { id: record.id, status, ...(reason ? { reason } : {}) });
  return outcome === "changed" ? status : outcome;
}
