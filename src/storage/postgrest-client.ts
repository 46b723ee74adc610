/**
 * A client for Supabase's REST API (PostgREST) alone, typed by the generated Database. The
 * adapters only call SQL functions and read a view, so they need none of supabase-js's auth,
 * realtime, storage or functions clients, which would add about 300 KB to every function bundle.
 * The key goes as supabase-js sends it: in the apikey header and as the bearer token.
 */
import { PostgrestClient } from "@supabase/postgrest-js";
import type { Database } from "./database.types.ts";

export type SupabaseRest = PostgrestClient<Database>;

export function supabaseRest(url: string, key: string, fetch?: typeof globalThis.fetch): SupabaseRest {
  return new PostgrestClient<Database>(new URL("rest/v1", url.endsWith("/") ? url : `${url}/`).href, {
    headers: { apikey: key, Authorization: `Bearer ${key}` },
    schema: "public",
    ...(fetch ? { fetch } : {}),
  });
}
