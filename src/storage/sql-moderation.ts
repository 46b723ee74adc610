/** Moderation for the adapters that speak SQL directly, as service_role, like sql-lifecycle.ts. */
import {
  type PledgeModeration,
  type PledgeRecord,
  type PledgeSummary,
  type StatusChange,
  type StatusChangeRow,
  statusChangeOutcome,
} from "./pledge-store.ts";
import { type RunAsServiceRole, refusalOrRethrow } from "./sql-lifecycle.ts";

const summaryColumns = "id, reference, name, kind, status, listing, created_at";
const recordColumns = `${summaryColumns}, ward, website, actions, commitment, target_date::text, contact_name,
  contact_email, channel, charter_version, decided_at`;
const asText = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );

export function sqlModeration(run: RunAsServiceRole): PledgeModeration {
  async function withHistory(rows: Record<string, unknown>[]): Promise<PledgeRecord[]> {
    if (rows.length === 0) return [];
    const history = await run<Record<string, unknown>>(
      `select pledge_id, from_status, to_status, changed_by, reason, changed_at
       from public.pledge_status_changes where pledge_id = any($1::uuid[]) order by changed_at, id`,
      [rows.map((row) => row.id)],
    );
    return rows.map((row) => ({
      ...(asText(row) as unknown as PledgeRecord),
      history: history
        .filter((change) => change.pledge_id === row.id)
        .map(({ pledge_id: _pledge, ...change }) => asText(change) as unknown as StatusChange),
    }));
  }

  return {
    async list(filter = {}) {
      const rows = await run<Record<string, unknown>>(
        `select ${summaryColumns} from public.pledges
         where $1::public.pledge_status is null or status = $1::public.pledge_status
         order by created_at desc`,
        [filter.status ?? null],
      );
      return rows.map((row) => asText(row) as unknown as PledgeSummary);
    },
    async show(idOrReference) {
      const byReference = /^SC-/i.test(idOrReference);
      if (!byReference && !/^[0-9a-f-]{36}$/i.test(idOrReference)) return undefined;
      const rows = await run<Record<string, unknown>>(
        `select ${recordColumns} from public.pledges where ${byReference ? "reference = upper($1)" : "id = $1::uuid"}`,
        [idOrReference],
      );
      return (await withHistory(rows))[0];
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
      return withHistory(await run(`select ${recordColumns} from public.pledges order by created_at`, []));
    },
  };
}
