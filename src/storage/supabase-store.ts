/**
 * Production storage: Supabase through supabase-js, with the service role key, on the server
 * only. Each call has a 4 s timeout and a network failure is tried once more, so a pledge is
 * answered within Netlify's 10 s function limit; a database that stays out of reach is reported
 * as unavailable, and the person keeps their answers to send again with the same key.
 */

import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { storageErrorFrom } from "./database-errors.ts";
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
  type StatusChange,
  type StatusChangeRow,
  StorageRefusalError,
  StorageUnavailableError,
  type SubmitOutcome,
  statusChangeOutcome,
} from "./pledge-store.ts";

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
}: SupabaseStoreOptions): SupabaseClient {
  const fetchWithTimeout: typeof fetch = (input, init = {}) =>
    baseFetch(input, {
      ...init,
      signal: init.signal
        ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs),
    });
  return createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: fetchWithTimeout },
  });
}

export class SupabaseStore implements PledgeStore, PledgeLifecycle, PledgeModeration, ApprovalNoticeQueue {
  readonly #client: SupabaseClient;

  constructor(client: SupabaseClient) {
    this.#client = client;
  }

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    const result = await this.#callOnceMore(() => this.#client.rpc("submit_pledge", { pledge }));
    if (result.error) throw storageErrorFrom(result.error, "Supabase submit_pledge");
    const rows = result.data as { outcome: string; reference: string | null; publicly_listed: boolean | null }[] | null;
    return outcomeFromRow(rows?.[0]);
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
    const result = await this.#callOnceMore(() => {
      const query = this.#client.from("pledges").select(summaryColumns).order("created_at", { ascending: false });
      return filter.status ? query.eq("status", filter.status) : query;
    });
    if (result.error) throw new StorageUnavailableError(`Supabase refused the list of pledges: ${result.error.code}`);
    return (result.data ?? []) as unknown as PledgeSummary[];
  }

  async show(idOrReference: string): Promise<PledgeRecord | undefined> {
    const byReference = /^SC-/i.test(idOrReference);
    if (!byReference && !/^[0-9a-f-]{36}$/i.test(idOrReference)) return undefined;
    const result = await this.#callOnceMore(() =>
      this.#client
        .from("pledges")
        .select(recordColumns)
        .eq(byReference ? "reference" : "id", byReference ? idOrReference.toUpperCase() : idOrReference),
    );
    if (result.error) throw new StorageUnavailableError(`Supabase refused the pledge: ${result.error.code}`);
    return (await this.#withHistory((result.data ?? []) as unknown as PledgeRecord[]))[0];
  }

  async setStatus({ id, status, actor, reason }: Parameters<PledgeModeration["setStatus"]>[0]) {
    const result = await this.#callOnceMore(() =>
      this.#client.rpc("set_pledge_status", { pledge_id: id, new_status: status, actor, reason: reason ?? null }),
    );
    if (result.error?.code === "23514") throw new StorageRefusalError(result.error.message);
    if (result.error) throw new StorageUnavailableError(`Supabase refused set_pledge_status: ${result.error.code}`);
    return statusChangeOutcome(Array.isArray(result.data) ? (result.data as StatusChangeRow[]) : []);
  }

  async exportAll(): Promise<PledgeRecord[]> {
    const result = await this.#callOnceMore(() =>
      this.#client.from("pledges").select(recordColumns).order("created_at", { ascending: true }),
    );
    if (result.error) throw new StorageUnavailableError(`Supabase refused the export: ${result.error.code}`);
    return this.#withHistory((result.data ?? []) as unknown as PledgeRecord[]);
  }

  async claimApprovalNotices(maxCount: number): Promise<ApprovalNotice[]> {
    const result = await this.#callOnceMore(() => this.#client.rpc("claim_approval_notices", { max_count: maxCount }));
    if (result.error)
      throw new StorageUnavailableError(`Supabase refused claim_approval_notices: ${result.error.code}`);
    return (result.data ?? []) as ApprovalNotice[];
  }

  async releaseApprovalNotice(pledgeId: string): Promise<void> {
    const result = await this.#callOnceMore(() => this.#client.rpc("release_approval_notice", { pledge_id: pledgeId }));
    if (result.error)
      throw new StorageUnavailableError(`Supabase refused release_approval_notice: ${result.error.code}`);
  }

  async #withHistory(records: Omit<PledgeRecord, "history">[]): Promise<PledgeRecord[]> {
    if (records.length === 0) return [];
    const result = await this.#callOnceMore(() =>
      this.#client
        .from("pledge_status_changes")
        .select("pledge_id, from_status, to_status, changed_by, reason, changed_at")
        .in(
          "pledge_id",
          records.map((record) => record.id),
        )
        .order("changed_at", { ascending: true }),
    );
    if (result.error) throw new StorageUnavailableError(`Supabase refused the status history: ${result.error.code}`);
    const changes = (result.data ?? []) as unknown as (StatusChange & { pledge_id: string })[];
    return records.map((record) => ({
      ...record,
      history: changes
        .filter((change) => change.pledge_id === record.id)
        .map(({ pledge_id: _pledge, ...change }) => change),
    }));
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
const summaryColumns = "id, reference, name, kind, status, listing, created_at";
const recordColumns = `${summaryColumns}, ward, website, actions, commitment, target_date, contact_name, contact_email, channel, charter_version, decided_at`;
