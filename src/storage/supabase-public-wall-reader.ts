/**
 * The public wall read path on Supabase: PostgREST with the anon key, so Supabase's grants and
 * policies for the anonymous role decide what the build may read.
 */
import { supabaseRest } from "./postgrest-client.ts";
import { allPages } from "./postgrest-pages.ts";
import { isListed, type PublicWallReader } from "./public-wall-reader.ts";

const columns = "id, name, kind, ward, website, actions, commitment, target_date, listed_at";

const refused = (what: string, error: { code: string; message: string }) =>
  new Error(`Supabase refused ${what}: ${error.code} ${error.message}`);

export function supabasePublicWallReader({ url, anonKey }: { url: string; anonKey: string }): PublicWallReader {
  const client = supabaseRest(url, anonKey);
  return {
    async readSignatories() {
      const { rows, error } = await allPages((from, to) =>
        client
          .from("public_signatories")
          .select(columns)
          .order("listed_at", { ascending: false })
          .order("id")
          .range(from, to),
      );
      if (error) throw refused("the public read", error);
      return rows.filter(isListed);
    },
    async readProgress() {
      const { rows, error } = await allPages((from, to) =>
        client.rpc("public_progress").order("measure").order("category").range(from, to),
      );
      if (error) throw refused("the progress totals", error);
      return rows;
    },
    async readWallVersion({ timeoutMs = 10_000 } = {}) {
      const { data, error } = await client
        .rpc("public_wall_version")
        .abortSignal(AbortSignal.timeout(timeoutMs))
        .single();
      if (error) throw refused("the wall version", error);
      return data;
    },
  };
}
