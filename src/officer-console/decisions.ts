/**
 * An officer's decision on one pledge, from the forms on its page: approve, reject with a reason
 * from content/ and optional words of the officer's own, withdraw, or erase; or, for a change its
 * author asked for, approve or reject that change, with optional words of the officer's own.
 * Every move but a pledge's approval cannot be undone, so it is asked to be confirmed first; the
 * database decides whether the move is allowed, and says why not.
 */
import type { OfficerConsoleStore } from "../storage/officer-store.ts";
import type { PledgeRecord } from "../storage/pledge-store.ts";
import { consoleWords as words } from "./console-words.ts";

export const decisionActions = ["approve", "reject", "withdraw", "erase", "approve-change", "reject-change"] as const;
export type DecisionAction = (typeof decisionActions)[number];
export type RejectionReasonId = keyof typeof words.rejectionReasons;
export const rejectionReasonIds = Object.keys(words.rejectionReasons) as RejectionReasonId[];

export interface Decision {
  action: DecisionAction;
  reasonId?: RejectionReasonId;
  detail?: string;
  /** The change the officer read: if its author has replaced it since, nothing is decided. */
  changeId?: number;
}

export type DecisionErrors = Partial<Record<"reason" | "detail" | "changeReason", string>>;

const changeActions: readonly DecisionAction[] = ["approve-change", "reject-change"];
export const isChangeDecision = (decision: Decision) => changeActions.includes(decision.action);

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
  | "changeNone";

const changeOutcomes = { approved: "changeApproved", rejected: "changeRejected", none: "changeNone" } as const;

const statusOf = { approve: "approved", reject: "rejected", withdraw: "withdrawn" } as const;

export async function applyDecision(
  store: OfficerConsoleStore,
  token: string,
  record: PledgeRecord,
  decision: Decision,
): Promise<DecisionOutcome> {
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
