/**
 * Production storage: Supabase through supabase-js, with the service role key, on the server
 * only. Every call has a timeout; a failure to reach the database is reported as unavailable so
 * the person keeps their answers and can send again with the same idempotency key.
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import {
  type NewPledge,
  outcomeFromRow,
  type PledgeStore,
  StorageUnavailableError,
  type SubmitOutcome,
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
  timeoutMs = 8000,
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

export class SupabaseStore implements PledgeStore {
  readonly #client: SupabaseClient;

  constructor(client: SupabaseClient) {
    this.#client = client;
  }

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    let result: Awaited<ReturnType<SupabaseClient["rpc"]>>;
    try {
      result = await this.#client.rpc("submit_pledge", { pledge });
    } catch (error) {
      throw new StorageUnavailableError(`Supabase could not be reached: ${(error as Error).message}`, { cause: error });
    }
    if (result.error) {
      // Only the code and message are logged: details can echo the row, and the row holds an e-mail address.
      throw new StorageUnavailableError(`Supabase refused submit_pledge: ${result.error.code} ${result.error.message}`);
    }
    const rows = result.data as { outcome: string; reference: string | null; publicly_listed: boolean | null }[] | null;
    return outcomeFromRow(rows?.[0]);
  }
}
