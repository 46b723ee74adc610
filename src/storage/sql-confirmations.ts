/** Confirming pledges for the adapters that speak SQL directly: one call per database function. */

import {
  type ConfirmOutcome,
  confirmOutcomeOf,
  type IssuedConfirmation,
  type PledgeConfirmations,
} from "./confirmation-store.ts";
import { storageErrorFrom } from "./database-errors.ts";
import type { RunAsServiceRole } from "./sql-lifecycle.ts";

export function sqlConfirmations(run: RunAsServiceRole): PledgeConfirmations {
  const call = <T>(name: string, sql: string, params: unknown[]) =>
    run<T>(sql, params).catch((error: unknown) => {
      throw storageErrorFrom(error, name);
    });
  const outcome = async (name: string, sql: string, params: unknown[]): Promise<ConfirmOutcome> =>
    confirmOutcomeOf((await call<{ outcome: string }>(name, sql, params))[0]?.outcome);
  return {
    async issueConfirmationCode(reference) {
      const [row] = await call<IssuedConfirmation>(
        "issue_confirmation_code",
        "select * from public.issue_confirmation_code($1)",
        [reference],
      );
      return row;
    },
    confirmWithCode: (reference, code) =>
      outcome("confirm_pledge_with_code", "select public.confirm_pledge_with_code($1, $2) as outcome", [
        reference,
        code,
      ]),
    confirmByLink: (reference) =>
      outcome("confirm_pledge_by_link", "select public.confirm_pledge_by_link($1) as outcome", [reference]),
    claimConfirmationReminders: (afterDays, maxCount) =>
      call<IssuedConfirmation>(
        "claim_confirmation_reminders",
        "select * from public.claim_confirmation_reminders($1, $2)",
        [afterDays, maxCount],
      ),
    async deleteUnconfirmed(afterDays) {
      const [row] = await call<{ deleted: number }>(
        "delete_unconfirmed_pledges",
        "select public.delete_unconfirmed_pledges($1) as deleted",
        [afterDays],
      );
      return Number(row?.deleted ?? 0);
    },
  };
}
