/**
 * Production storage: Supabase through its REST API (PostgREST), with the service role key, on the server
 * only. Each call has a 4 s timeout and a network failure is tried once more, so a pledge is
 * answered within Netlify's 10 s function limit; a database that stays out of reach is reported
 * as unavailable, and the person keeps their answers to send again with the same key.
 */

import type { OfficerCheckIns, PledgerCheckIns, WithCheckIns } from "./commitment-store.ts";
import type { PledgeConfirmations } from "./confirmation-store.ts";
import { storageErrorFrom } from "./database-errors.ts";
import type { OfficerStore, WithOfficers } from "./officer-store.ts";
import {
  type ApprovalNotice,
  type ApprovalNoticeQueue,
  type EraseOutcome,
  type NewPledge,
  outcomeFromRow,
  type PledgeLifecycle,
  type PledgeModeration,
  type PledgeRecord,
  type PledgeStore,
  type PledgeSummary,
  recordFromRow,
  StorageRefusalError,
  StorageUnavailableError,
  type SubmitOutcome,
  statusChangeOutcome,
} from "./pledge-store.ts";
import type { PledgerStore, WithPledgers } from "./pledger-store.ts";
import { type SupabaseRest, supabaseRest } from "./postgrest-client.ts";
import { allPages } from "./postgrest-pages.ts";
import { supabaseCheckIns } from "./supabase-check-ins.ts";
import { supabaseConfirmations } from "./supabase-confirmations.ts";
import { supabaseOfficers } from "./supabase-officers.ts";
import { supabasePledgers } from "./supabase-pledgers.ts";

export interface SupabaseStoreOptions {
  url: string;
  serviceRoleKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createServerClient({
  url,
  serviceRoleKey,
  timeoutMs = 4000,
  fetch: baseFetch = fetch,
}: SupabaseStoreOptions): SupabaseRest {
  const fetchWithTimeout: typeof fetch = (input, init = {}) =>
    baseFetch(input, {
      ...init,
      signal: init.signal
        ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs),
    });
  return supabaseRest(url, serviceRoleKey, fetchWithTimeout);
}

export class SupabaseStore
  implements
    PledgeStore,
    PledgeLifecycle,
    PledgeModeration,
    ApprovalNoticeQueue,
    PledgeConfirmations,
    WithOfficers,
    WithPledgers,
    WithCheckIns
{
  readonly officers: OfficerStore;
  readonly pledgers: PledgerStore;
  readonly checkIns: PledgerCheckIns & OfficerCheckIns;
  readonly #client: SupabaseRest;
  readonly #confirmations: PledgeConfirmations;

  constructor(client: SupabaseRest) {
    this.#client = client;
    this.officers = supabaseOfficers(client);
    this.pledgers = supabasePledgers(client);
    this.checkIns = supabaseCheckIns(client);
    this.#confirmations = supabaseConfirmations(client);
  }

  issueConfirmationCode(reference: string) {
    return this.#confirmations.issueConfirmationCode(reference);
  }

  confirmWithCode(reference: string, code: string) {
    return this.#confirmations.confirmWithCode(reference, code);
  }

  confirmByLink(reference: string) {
    return this.#confirmations.confirmByLink(reference);
  }

  claimConfirmationReminders(afterDays: number, maxCount: number) {
    return this.#confirmations.claimConfirmationReminders(afterDays, maxCount);
  }

  deleteUnconfirmed(afterDays: number) {
    return this.#confirmations.deleteUnconfirmed(afterDays);
  }

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    const result = await this.#callOnceMore(() => this.#client.rpc("submit_pledge", { pledge }));
    if (result.error) throw storageErrorFrom(result.error, "Supabase submit_pledge");
    return outcomeFromRow(result.data?.[0]);
  }

  async erase(pledgeId: string): Promise<EraseOutcome> {
    const result = await this.#callOnceMore(() => this.#client.rpc("erase_pledge", { pledge_id: pledgeId }));
    if (result.error?.code === "23514") throw new StorageRefusalError(result.error.message);
    if (result.error) throw new StorageUnavailableError(`Supabase refused erase_pledge: ${result.error.code}`);
    return result.data === true ? "erased" : "not-found";
  }

  async applyRetention({
    rejectedContactDays,
    withdrawnContactDays,
  }: Parameters<PledgeLifecycle["applyRetention"]>[0]) {
    const result = await this.#callOnceMore(() =>
      this.#client.rpc("apply_retention", { rejected_days: rejectedContactDays, withdrawn_days: withdrawnContactDays }),
    );
    if (result.error) throw new StorageUnavailableError(`Supabase refused apply_retention: ${result.error.code}`);
    return Number(result.data ?? 0);
  }

  async list(filter: Parameters<PledgeModeration["list"]>[0] = {}): Promise<PledgeSummary[]> {
    const args = filter.status ? { only_status: filter.status } : {};
    const { rows, error } = await allPages((from, to) =>
      this.#callOnceMore(() => this.#client.rpc("list_pledges", args).range(from, to)),
    );
    if (error) throw new StorageUnavailableError(`Supabase refused list_pledges: ${error.code}`);
    return rows;
  }

  async show(idOrReference: string): Promise<PledgeRecord | undefined> {
    const result = await this.#callOnceMore(() => this.#client.rpc("show_pledge", { id_or_reference: idOrReference }));
    if (result.error) throw new StorageUnavailableError(`Supabase refused show_pledge: ${result.error.code}`);
    const [row] = result.data ?? [];
    return row && recordFromRow(row);
  }

  async setStatus({ id, status, actor, reason }: Parameters<PledgeModeration["setStatus"]>[0]) {
    const result = await this.#callOnceMore(() =>
      this.#client.rpc("set_pledge_status", {
        pledge_id: id,
        new_status: status,
        actor,
        ...(reason === undefined ? {} : { reason }),
      }),
    );
    if (result.error?.code === "23514") throw new StorageRefusalError(result.error.message);
    if (result.error) throw new StorageUnavailableError(`Supabase refused set_pledge_status: ${result.error.code}`);
    return statusChangeOutcome(result.data);
  }

  async exportAll(): Promise<PledgeRecord[]> {
    const { rows, error } = await allPages((from, to) =>
      this.#callOnceMore(() => this.#client.rpc("export_pledges").range(from, to)),
    );
    if (error) throw new StorageUnavailableError(`Supabase refused export_pledges: ${error.code}`);
    return rows.map(recordFromRow);
  }

  async claimApprovalNotices(maxCount: number): Promise<ApprovalNotice[]> {
    const result = await this.#callOnceMore(() => this.#client.rpc("claim_approval_notices", { max_count: maxCount }));
    if (result.error)
      throw new StorageUnavailableError(`Supabase refused claim_approval_notices: ${result.error.code}`);
    return result.data ?? [];
  }

  async releaseApprovalNotice(pledgeId: string): Promise<void> {
    const result = await this.#callOnceMore(() => this.#client.rpc("release_approval_notice", { pledge_id: pledgeId }));
    if (result.error)
      throw new StorageUnavailableError(`Supabase refused release_approval_notice: ${result.error.code}`);
  }

  /**
   * A network failure is tried once more: the pledge carries its idempotency key, so a first
   * attempt that did reach the database is answered as a replay, never stored twice. An answer
   * from PostgREST, even an error, is final. supabase-js reports a request that got no answer
   * as an error with status 0 rather than throwing.
   */
  async #callOnceMore<T extends { status: number; error: unknown }>(call: () => PromiseLike<T>): Promise<T> {
    const attempt = async () => {
      try {
        const result = await call();
        return result.status === 0 && result.error ? undefined : result;
      } catch {
        return undefined;
      }
    };
    const first = await attempt();
    if (first) return first;
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    const second = await attempt();
    if (second) return second;
    throw new StorageUnavailableError("Supabase could not be reached, twice");
  }
}

const retryDelayMs = 250;
