/**
 * Commitments and check-ins for the adapters that speak SQL directly (PGlite, PostgreSQL): each
 * method one call to the database function the Supabase adapter calls through rpc.
 */
import {
  answersJson,
  type CheckInCommitmentRow,
  type CheckInRow,
  type Commitment,
  checkInFromRow,
  commitmentsForOf,
  type DueCheckIn,
  type OfficerCheckIns,
  type PledgerCheckIns,
  wordOf,
} from "./commitment-store.ts";
import { storageErrorFrom } from "./database-errors.ts";
import type { RunAsServiceRole } from "./sql-lifecycle.ts";
import { officerErrorFrom } from "./sql-officers.ts";

export function sqlCheckIns(run: RunAsServiceRole): PledgerCheckIns & OfficerCheckIns {
  const call = <T>(name: string, sql: string, params: unknown[]) =>
    run<T>(sql, params).catch((error: unknown) => {
      throw storageErrorFrom(error, name);
    });
  const officerCall = <T>(name: string, sql: string, params: unknown[]) =>
    run<T>(sql, params).catch((error: unknown) => officerErrorFrom(error, name));
  return {
    async commitmentsFor(reference) {
      return commitmentsForOf(
        await call<CheckInCommitmentRow>(
          "pledger_check_in_commitments",
          "select * from public.pledger_check_in_commitments($1)",
          [reference],
        ),
      );
    },
    async submitCheckIn(reference, answers) {
      const [row] = await call<{ outcome: unknown }>(
        "pledger_submit_check_in",
        "select public.pledger_submit_check_in($1, $2::jsonb) as outcome",
        [reference, JSON.stringify(answersJson(answers))],
      );
      return wordOf("pledger_submit_check_in", ["stored", "refused"], row?.outcome);
    },
    claimDueCheckIns: (maxCount) =>
      call<DueCheckIn>("claim_due_check_ins", "select * from public.claim_due_check_ins($1)", [maxCount]),
    async checkInsWaiting(token) {
      return (
        await officerCall<CheckInRow>(
          "officer_check_ins_waiting",
          "select * from public.officer_check_ins_waiting($1)",
          [token],
        )
      ).map(checkInFromRow);
    },
    async checkInsFor(token, pledgeId) {
      return (
        await officerCall<CheckInRow>(
          "officer_check_ins_for",
          "select * from public.officer_check_ins_for($1, $2::uuid)",
          [token, pledgeId],
        )
      ).map(checkInFromRow);
    },
    commitmentsOf: (token, pledgeId) =>
      officerCall<Commitment>("officer_commitments", "select * from public.officer_commitments($1, $2::uuid)", [
        token,
        pledgeId,
      ]),
    async decideCheckIn(token, { checkInId, decision, reason }) {
      const [row] = await officerCall<{ outcome: unknown }>(
        "officer_decide_check_in",
        "select public.officer_decide_check_in($1, $2::uuid, $3, $4) as outcome",
        [token, checkInId, decision, reason ?? null],
      );
      return wordOf("officer_decide_check_in", ["decided", "none"], row?.outcome);
    },
    async recordCheckIn(token, { pledgeId, answers, statement }) {
      const [row] = await officerCall<{ outcome: unknown }>(
        "officer_record_check_in",
        "select public.officer_record_check_in($1, $2::uuid, $3::jsonb, $4) as outcome",
        [token, pledgeId, JSON.stringify(answersJson(answers)), statement],
      );
      return wordOf("officer_record_check_in", ["recorded", "refused"], row?.outcome);
    },
  };
}
