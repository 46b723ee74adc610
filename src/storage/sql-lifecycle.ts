/**
 * The data lifecycle for the adapters that speak SQL directly (PGlite, PostgreSQL): both call
 * the same database functions as service_role, so one implementation serves both.
 */
import { storageErrorFrom } from "./database-errors.ts";
import type { EraseOutcome, PledgeLifecycle } from "./pledge-store.ts";

export type RunAsServiceRole = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** A rule the database enforces is a refusal to report with its reason, not an outage. */
export function refusalOrRethrow(error: unknown): never {
  throw storageErrorFrom(error, "the database");
}

export function sqlLifecycle(run: RunAsServiceRole): PledgeLifecycle {
  return {
    async erase(pledgeId: string): Promise<EraseOutcome> {
      const [row] = await run<{ erased: boolean }>("select public.erase_pledge($1::uuid) as erased", [pledgeId]).catch(
        refusalOrRethrow,
      );
      return row?.erased ? "erased" : "not-found";
    },
    async applyRetention({ rejectedContactDays, withdrawnContactDays }) {
      const [row] = await run<{ erased: number }>("select public.apply_retention($1, $2) as erased", [
        rejectedContactDays,
        withdrawnContactDays,
      ]);
      return Number(row?.erased ?? 0);
    },
  };
}
