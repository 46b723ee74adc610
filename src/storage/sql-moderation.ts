/**
 * Moderation for the adapters that speak SQL directly, as service_role, like sql-lifecycle.ts:
 * each read is one call to the database function the Supabase adapter calls through rpc
 * (supabase/migrations/20261130170000_moderation_functions.sql), so both answer alike.
 */
import {
  type PledgeModeration,
  type PledgeRecord,
  type PledgeRecordRow,
  type PledgeSummary,
  recordFromRow,
  type StatusChangeRow,
  statusChangeOutcome,
} from "./pledge-store.ts";
import { type RunAsServiceRole, refusalOrRethrow } from "./sql-lifecycle.ts";

export function sqlModeration(run: RunAsServiceRole): PledgeModeration {
  return {
    list: (filter = {}) =>
      run<PledgeSummary>("select * from public.list_pledges($1::public.pledge_status)", [filter.status ?? null]),
    async show(idOrReference): Promise<PledgeRecord | undefined> {
      const [row] = await run<PledgeRecordRow>("select * from public.show_pledge($1)", [idOrReference]);
      return row && recordFromRow(row);
    },
    async setStatus({ id, status, actor, reason }) {
      const rows = await run<StatusChangeRow>("select * from public.set_pledge_status($1::uuid, $2, $3, $4)", [
        id,
        status,
        actor,
        reason ?? null,
      ]).catch(refusalOrRethrow);
      return statusChangeOutcome(rows);
    },
    async exportAll() {
      return (await run<PledgeRecordRow>("select * from public.export_pledges()", [])).map(recordFromRow);
    },
  };
}
