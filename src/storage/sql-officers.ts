/**
 * The officers' port for the adapters that speak SQL directly (PGlite, PostgreSQL): each method
 * is one call to the database function the Supabase adapter calls through rpc.
 */
import { storageErrorFrom } from "./database-errors.ts";
import {
  type ActivityRow,
  type ChangeWaitingRow,
  changeDecisionOutcomeOf,
  type IssuedCode,
  isNotSignedIn,
  NotSignedInError,
  type OfficerListing,
  type OfficerStore,
  type OverviewRow,
  type QueueRow,
  queueArguments,
  type SignedInOfficer,
  type SimilarPledge,
  type StartedSession,
} from "./officer-store.ts";
import {
  outcomeFromRow,
  type PledgeRecordRow,
  recordFromRow,
  type StatusChangeRow,
  statusChangeOutcome,
} from "./pledge-store.ts";
import { changeFromRow, type PledgeChangeRow } from "./pledger-store.ts";
import type { RunAsServiceRole } from "./sql-lifecycle.ts";

/** require_officer's refusal as NotSignedInError; any other error as storage reads it. */
export function officerErrorFrom(error: unknown, operation: string): never {
  if (isNotSignedIn(error)) throw new NotSignedInError(`${operation}: no live session`, { cause: error });
  throw storageErrorFrom(error, operation);
}

export function sqlOfficers(run: RunAsServiceRole): OfficerStore {
  const call = <T>(name: string, sql: string, params: unknown[]) =>
    run<T>(sql, params).catch((error: unknown) => officerErrorFrom(error, name));
  return {
    async addOfficer(address, name, actor) {
      const [row] = await call<{ outcome: "added" | "already-listed" }>(
        "add_officer",
        "select outcome from public.add_officer($1, $2, $3)",
        [address, name, actor],
      );
      return row?.outcome ?? "already-listed";
    },
    async removeOfficer(address, actor) {
      const [row] = await call<{ removed: boolean }>(
        "remove_officer",
        "select public.remove_officer($1, $2) as removed",
        [address, actor],
      );
      return row?.removed === true;
    },
    listOfficers: () => call<OfficerListing>("list_officers", "select * from public.list_officers()", []),
    async requestSignInCode(address) {
      const [row] = await call<IssuedCode>("officer_request_code", "select * from public.officer_request_code($1)", [
        address,
      ]);
      return row;
    },
    async signIn(address, code) {
      const [row] = await call<StartedSession>("officer_sign_in", "select * from public.officer_sign_in($1, $2)", [
        address,
        code,
      ]);
      return row;
    },
    async sessionOfficer(token) {
      const [row] = await call<SignedInOfficer>("officer_session", "select * from public.officer_session($1)", [token]);
      return row;
    },
    async signOut(token) {
      const [row] = await call<{ ended: boolean }>("officer_sign_out", "select public.officer_sign_out($1) as ended", [
        token,
      ]);
      return row?.ended === true;
    },
    queue(token, filter) {
      const args = queueArguments(token, filter);
      return call<QueueRow>(
        "officer_queue",
        "select * from public.officer_queue($1, $2::public.pledge_status, $3, $4, $5::public.pledge_channel, $6)",
        [args.token, args.only_status, args.only_kind, args.only_ward, args.only_channel, args.search],
      );
    },
    async showFor(token, idOrReference) {
      const [row] = await call<PledgeRecordRow>(
        "officer_show_pledge",
        "select * from public.officer_show_pledge($1, $2)",
        [token, idOrReference],
      );
      return row && recordFromRow(row);
    },
    similar: (token, pledgeId) =>
      call<SimilarPledge>("officer_similar_pledges", "select * from public.officer_similar_pledges($1, $2::uuid)", [
        token,
        pledgeId,
      ]),
    async decide(token, { id, status, reason }) {
      const rows = await call<StatusChangeRow>(
        "officer_set_pledge_status",
        "select * from public.officer_set_pledge_status($1, $2::uuid, $3, $4)",
        [token, id, status, reason ?? null],
      );
      return statusChangeOutcome(rows);
    },
    async eraseFor(token, pledgeId) {
      const [row] = await call<{ erased: boolean }>(
        "officer_erase_pledge",
        "select public.officer_erase_pledge($1, $2::uuid) as erased",
        [token, pledgeId],
      );
      return row?.erased ? "erased" : "not-found";
    },
    async take(token, { pledge, privacyStatement, formDated }) {
      const [row] = await call<NonNullable<Parameters<typeof outcomeFromRow>[0]>>(
        "officer_take_pledge",
        "select * from public.officer_take_pledge($1, $2::jsonb, $3, $4::date)",
        [token, JSON.stringify(pledge), privacyStatement, formDated ?? null],
      );
      return outcomeFromRow(row);
    },
    async storeSetAside(token, pledge) {
      const [row] = await call<NonNullable<Parameters<typeof outcomeFromRow>[0]>>(
        "officer_store_set_aside",
        "select * from public.officer_store_set_aside($1, $2::jsonb)",
        [token, JSON.stringify(pledge)],
      );
      return outcomeFromRow(row);
    },
    async discardSetAside(token, queueKey) {
      await call("officer_discard_set_aside", "select public.officer_discard_set_aside($1, $2::uuid)", [
        token,
        queueKey,
      ]);
    },
    async exportFor(token) {
      return (await call<PledgeRecordRow>("officer_export", "select * from public.officer_export($1)", [token])).map(
        recordFromRow,
      );
    },
    overview: (token) => call<OverviewRow>("officer_overview", "select * from public.officer_overview($1)", [token]),
    listedOfficers: (token) =>
      call<OfficerListing>("officer_officers", "select * from public.officer_officers($1)", [token]),
    activity: (token, maxRows = 50) =>
      call<ActivityRow>("officer_recent_activity", "select * from public.officer_recent_activity($1, $2)", [
        token,
        maxRows,
      ]),
    async changesFor(token, pledgeId) {
      return (
        await call<PledgeChangeRow>(
          "officer_pledge_changes",
          "select * from public.officer_pledge_changes($1, $2::uuid)",
          [token, pledgeId],
        )
      ).map(changeFromRow);
    },
    async decideChange(token, { pledgeId, approve, reason, changeId }) {
      const [row] = await call<{ outcome: unknown }>(
        "officer_decide_pledge_change",
        "select public.officer_decide_pledge_change($1, $2::uuid, $3, $4, $5::bigint) as outcome",
        [token, pledgeId, approve, reason ?? null, changeId ?? null],
      );
      return changeDecisionOutcomeOf(row?.outcome);
    },
    changesWaiting: (token) =>
      call<ChangeWaitingRow>("officer_changes_waiting", "select * from public.officer_changes_waiting($1)", [token]),
  };
}
