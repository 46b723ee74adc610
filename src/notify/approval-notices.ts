/**
 * Tells pledgers their pledge was approved, however it was approved: run by the scheduled
 * function for approvals made in Supabase Studio or SQL, and by the pledges command straight
 * after an approval. Each pledger is told at most once; an e-mail that fails is tried next run.
 */
import type { ApprovalNoticeQueue } from "../storage/pledge-store.ts";
import type { PledgeNotices } from "./pledge-notices.ts";

export interface ApprovalNoticesResult {
  sent: number;
  /** Given back to be tried again on the next run. */
  failed: number;
}

// Enough for a busy day's approvals in one run, few enough to finish well inside a function's time.
const batchSize = 50;

export async function sendApprovalNotices(
  queue: ApprovalNoticeQueue,
  notices: Pick<PledgeNotices, "approved">,
): Promise<ApprovalNoticesResult> {
  const result: ApprovalNoticesResult = { sent: 0, failed: 0 };
  for (const pledge of await queue.claimApprovalNotices(batchSize)) {
    if (await notices.approved(pledge)) {
      result.sent += 1;
    } else {
      result.failed += 1;
      await queue.releaseApprovalNotice(pledge.id);
    }
  }
  return result;
}
