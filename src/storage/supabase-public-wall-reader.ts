/**
 * The public wall read path on Supabase: PostgREST with the anon key, so Supabase's grants and
 * policies for the anonymous role decide what the build may read. Each list is read page by page.
 */
import { supabaseRest } from "./postgrest-client.ts";
import { allPages } from "./postgrest-pages.ts";
import { type ImpactRow, isListed, type PublicWallReader } from "./public-wall-reader.ts";

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
    async readCommitments() {
      const { rows, error } = await allPages((from, to) =>
        client.rpc("public_commitments").order("id").range(from, to),
      );
      if (error) throw refused("the commitments", error);
      return rows;
    },
    async readCheckInDates() {
      const { rows, error } = await allPages((from, to) =>
        client.rpc("public_check_in_dates").order("signatory_id").range(from, to),
      );
      if (error) throw refused("the check-in dates", error);
      return rows;
    },
    async readImpact() {
      // Every column in order, nulls first as the function sorts them, so the pages never overlap.
      const { rows, error } = await allPages((from, to) =>
        client
          .rpc("public_impact")
          .order("subject_kind")
          .order("subject", { nullsFirst: true })
          .order("ward", { nullsFirst: true })
          .order("quarter", { nullsFirst: true })
          .order("status")
          .range(from, to),
      );
      if (error) throw refused("the impact counts", error);
      return rows as ImpactRow[];
    },
    async readFormerSignatories() {
      const { rows, error } = await allPages((from, to) =>
        client
          .rpc("public_former_signatories")
          .order("withdrawn_at", { ascending: false })
          .order("listed_at", { ascending: false })
          .order("id")
          .range(from, to),
      );
      if (error) throw refused("the former signatories", error);
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
