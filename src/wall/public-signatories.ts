/**
 * The public wall's only source: the public_signatories view, read as the anonymous role. The
 * build never reads pledges with the service role, so a private field cannot reach dist/ even
 * by mistake: the database will not hand it over.
 */
import { join } from "node:path";
import { createClient } from "@supabase/supabase-js";
import type { Env } from "../runtime-env.ts";
import type { PgliteStore } from "../storage/pglite-store.ts";

export interface PublicSignatory {
  id: string;
  name: string;
  kind: string;
  ward: string | null;
  website: string | null;
  actions: string[];
  commitment: string | null;
  target_date: string | null;
  listed_at: string;
}

export type PublicWallSource =
  | { kind: "supabase"; url: string; anonKey: string }
  | { kind: "postgres"; connectionString: string }
  | { kind: "pglite"; dataDir: string };

const columns = "id, name, kind, ward, website, actions, commitment, target_date, listed_at";
const query = `select ${columns} from public.public_signatories order by listed_at desc, id`;

export function publicWallSourceFrom(env: Env): PublicWallSource {
  const url = env("SUPABASE_URL");
  if (url) {
    const anonKey = env("SUPABASE_ANON_KEY");
    if (!anonKey) throw new Error("SUPABASE_URL is set but SUPABASE_ANON_KEY, which the wall is built with, is not");
    return { kind: "supabase", url, anonKey };
  }
  const connectionString = env("DATABASE_URL");
  if (connectionString) return { kind: "postgres", connectionString };
  return { kind: "pglite", dataDir: env("PGLITE_DATA_DIR") ?? join(process.cwd(), ".data", "pglite") };
}

const asText = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  ) as unknown as PublicSignatory;

export async function readPublicSignatories(source: PublicWallSource): Promise<PublicSignatory[]> {
  switch (source.kind) {
    case "supabase": {
      const client = createClient(source.url, source.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
      });
      const { data, error } = await client
        .from("public_signatories")
        .select(columns)
        .order("listed_at", { ascending: false })
        .order("id");
      if (error) throw new Error(`Supabase refused the public wall: ${error.code} ${error.message}`);
      return (data ?? []) as unknown as PublicSignatory[];
    }
    case "postgres": {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: source.connectionString });
      await client.connect();
      try {
        await client.query("begin");
        await client.query("set local role anon");
        const { rows } = await client.query(query);
        await client.query("commit");
        return rows.map(asText);
      } finally {
        await client.end();
      }
    }
    case "pglite": {
      // The shared instance: under `astro dev` the pledge function has this folder open in the
      // same process, and a second instance on one folder would corrupt it.
      const { openStore } = await import("../storage/choose-store.ts");
      const store = (await openStore({ kind: "pglite", dataDir: source.dataDir })) as unknown as PgliteStore;
      return (await store.asRole<Record<string, unknown>>("anon", query)).map(asText);
    }
  }
}
