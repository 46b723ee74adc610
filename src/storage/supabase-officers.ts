/**
 * The officers' port on Supabase: each method one rpc call to the function sql-officers.ts calls
 * with SQL, on the server only, with the service role key. Console calls are not retried: a
 * decision is not idempotent, so an officer who sees "could not reach the database" looks again.
 */

import type { Database } from "./database.types.ts";
import {
  changeDecisionOutcomeOf,
  isNotSignedIn,
  NotSignedInError,
  type OfficerStore,
  queueArguments,
} from "./officer-store.ts";
import { outcomeFromRow, type PledgeRecordRow, recordFromRow, statusChangeOutcome } from "./pledge-store.ts";
import { changeFromRow } from "./pledger-store.ts";
import { answerOf as rpcAnswer } from "./postgrest-answer.ts";
import type { SupabaseRest } from "./postgrest-client.ts";
import { allPages } from "./postgrest-pages.ts";

/** One console call's answer: require_officer's refusal as NotSignedInError, the rest as postgrest-answer.ts reads it. */
export const officerAnswerOf = <T>(operation: string, call: Parameters<typeof rpcAnswer<T>>[1]) =>
  rpcAnswer<T>(operation, call, (error) =>
    isNotSignedIn(error) ? new NotSignedInError(`${operation}: no live session`) : undefined,
  );
const answerOf = officerAnswerOf;

/**
 * officer_show_pledge and officer_export return pledge_record, the type that names
 * export_pledges' columns; the generator types a composite type's every column as nullable.
 */
const fromComposite = (row: Database["public"]["CompositeTypes"]["pledge_record"]) => row as PledgeRecordRow;

export function supabaseOfficers(client: SupabaseRest): OfficerStore {
  return {
    async addOfficer(address, name, actor) {
      const rows = await answerOf("add_officer", client.rpc("add_officer", { address, officer_name: name, actor }));
      return rows?.[0]?.outcome === "added" ? "added" : "already-listed";
    },
    async removeOfficer(address, actor) {
      return (await answerOf("remove_officer", client.rpc("remove_officer", { address, actor }))) === true;
    },
    async listOfficers() {
      return (await answerOf("list_officers", client.rpc("list_officers"))) ?? [];
    },
    async requestSignInCode(address) {
      return (await answerOf("officer_request_code", client.rpc("officer_request_code", { address })))?.[0];
    },
    async signIn(address, code) {
      return (await answerOf("officer_sign_in", client.rpc("officer_sign_in", { address, typed_code: code })))?.[0];
    },
    async sessionOfficer(token) {
      return (await answerOf("officer_session", client.rpc("officer_session", { token })))?.[0];
    },
    async signOut(token) {
      return (await answerOf("officer_sign_out", client.rpc("officer_sign_out", { token }))) === true;
    },
    async queue(token, filter) {
      const args = queueArguments(token, filter);
      // An argument left out is null, as the SQL adapters pass it: that filter filters nothing.
      const named = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null)) as {
        [Name in keyof typeof args]: Exclude<(typeof args)[Name], null>;
      };
      return (await answerOf("officer_queue", client.rpc("officer_queue", named))) ?? [];
    },
    async showFor(token, idOrReference) {
      const rows = await answerOf(
        "officer_show_pledge",
        client.rpc("officer_show_pledge", { token, id_or_reference: idOrReference }),
      );
      const [row] = rows ?? [];
      return row && recordFromRow(fromComposite(row));
    },
    async similar(token, pledgeId) {
      return (
        (await answerOf(
          "officer_similar_pledges",
          client.rpc("officer_similar_pledges", { token, pledge: pledgeId }),
        )) ?? []
      );
    },
    async decide(token, { id, status, reason }) {
      const rows = await answerOf(
        "officer_set_pledge_status",
        client.rpc("officer_set_pledge_status", {
          token,
          pledge: id,
          new_status: status,
          ...(reason === undefined ? {} : { reason }),
        }),
      );
      return statusChangeOutcome(rows);
    },
    async eraseFor(token, pledgeId) {
      const erased = await answerOf(
        "officer_erase_pledge",
        client.rpc("officer_erase_pledge", { token, pledge: pledgeId }),
      );
      return erased === true ? "erased" : "not-found";
    },
    async take(token, { pledge, privacyStatement, formDated }) {
      const rows = await answerOf(
        "officer_take_pledge",
        client.rpc("officer_take_pledge", {
          token,
          pledge,
          privacy_statement: privacyStatement,
          ...(formDated ? { dated: formDated } : {}),
        }),
      );
      return outcomeFromRow(rows?.[0]);
    },
    async storeSetAside(token, pledge) {
      const rows = await answerOf("officer_store_set_aside", client.rpc("officer_store_set_aside", { token, pledge }));
      return outcomeFromRow(rows?.[0]);
    },
    async discardSetAside(token, queueKey) {
      await answerOf(
        "officer_discard_set_aside",
        client.rpc("officer_discard_set_aside", { token, queue_key: queueKey }),
      );
    },
    async exportFor(token) {
      // Page by page, as PostgREST caps each answer; each page's call is recorded as an export.
      const { rows, error } = await allPages((from, to) => client.rpc("officer_export", { token }).range(from, to));
      if (error) await answerOf("officer_export", Promise.resolve({ data: null, error }));
      return rows.map((row) => recordFromRow(fromComposite(row)));
    },
    async overview(token) {
      return (await answerOf("officer_overview", client.rpc("officer_overview", { token }))) ?? [];
    },
    async listedOfficers(token) {
      return (await answerOf("officer_officers", client.rpc("officer_officers", { token }))) ?? [];
    },
    async activity(token, maxRows = 50) {
      return (
        (await answerOf(
          "officer_recent_activity",
          client.rpc("officer_recent_activity", { token, max_rows: maxRows }),
        )) ?? []
      );
    },
    async changesFor(token, pledgeId) {
      const rows = await answerOf(
        "officer_pledge_changes",
        client.rpc("officer_pledge_changes", { token, pledge: pledgeId }),
      );
      return (rows ?? []).map(changeFromRow);
    },
    async decideChange(token, { pledgeId, approve, reason, changeId }) {
      const outcome = await answerOf(
        "officer_decide_pledge_change",
        client.rpc("officer_decide_pledge_change", {
          token,
          pledge: pledgeId,
          approve,
          ...(reason === undefined ? {} : { reason }),
          ...(changeId === undefined ? {} : { change: changeId }),
        }),
      );
      return changeDecisionOutcomeOf(outcome);
    },
    async changesWaiting(token) {
      return (await answerOf("officer_changes_waiting", client.rpc("officer_changes_waiting", { token }))) ?? [];
    },
  };
}
