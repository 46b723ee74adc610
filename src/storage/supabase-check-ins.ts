/**
 * Commitments and check-ins on Supabase: each method one rpc call to the function
 * sql-check-ins.ts calls with SQL, on the server only, with the service role key. Nothing is
 * retried: a check-in or a decision sent twice could be stored twice, and a claim asked twice
 * would lose the e-mails the first claimed.
 */
import {
  answersJson,
  checkInFromRow,
  commitmentsForOf,
  type OfficerCheckIns,
  type PledgerCheckIns,
  wordOf,
} from "./commitment-store.ts";
import { answerOf } from "./postgrest-answer.ts";
import type { SupabaseRest } from "./postgrest-client.ts";
import { officerAnswerOf } from "./supabase-officers.ts";

export function supabaseCheckIns(client: SupabaseRest): PledgerCheckIns & OfficerCheckIns {
  return {
    async commitmentsFor(reference) {
      const rows = await answerOf(
        "pledger_check_in_commitments",
        client.rpc("pledger_check_in_commitments", { pledge_reference: reference }),
      );
      return commitmentsForOf(rows ?? []);
    },
    async submitCheckIn(reference, answers) {
      const outcome = await answerOf(
        "pledger_submit_check_in",
        client.rpc("pledger_submit_check_in", { pledge_reference: reference, answers: answersJson(answers) }),
      );
      return wordOf("pledger_submit_check_in", ["stored", "refused"], outcome);
    },
    async claimDueCheckIns(maxCount) {
      return (await answerOf("claim_due_check_ins", client.rpc("claim_due_check_ins", { max_count: maxCount }))) ?? [];
    },
    async checkInsWaiting(token) {
      const rows = await officerAnswerOf(
        "officer_check_ins_waiting",
        client.rpc("officer_check_ins_waiting", { token }),
      );
      return (rows ?? []).map(checkInFromRow);
    },
    async checkInsFor(token, pledgeId) {
      const rows = await officerAnswerOf(
        "officer_check_ins_for",
        client.rpc("officer_check_ins_for", { token, pledge: pledgeId }),
      );
      return (rows ?? []).map(checkInFromRow);
    },
    async commitmentsOf(token, pledgeId) {
      return (
        (await officerAnswerOf(
          "officer_commitments",
          client.rpc("officer_commitments", { token, pledge: pledgeId }),
        )) ?? []
      );
    },
    async decideCheckIn(token, { checkInId, decision, reason }) {
      const outcome = await officerAnswerOf(
        "officer_decide_check_in",
        client.rpc("officer_decide_check_in", {
          token,
          check_in: checkInId,
          decision,
          ...(reason === undefined ? {} : { reason }),
        }),
      );
      return wordOf("officer_decide_check_in", ["decided", "none"], outcome);
    },
    async recordCheckIn(token, { pledgeId, answers, statement }) {
      const outcome = await officerAnswerOf(
        "officer_record_check_in",
        client.rpc("officer_record_check_in", { token, pledge: pledgeId, answers: answersJson(answers), statement }),
      );
      return wordOf("officer_record_check_in", ["recorded", "refused"], outcome);
    },
  };
}
