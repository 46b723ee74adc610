/**
 * The public wall's only sources: the public_signatories view and the public_progress() totals,
 * read as the anonymous role. The build never reads pledges with the service role, so a private field cannot reach dist/ even
 * by mistake: the database will not hand it over.
 */
import { createClient } from "@supabase/supabase-js";
import { embeddedDataDir } from "../local-data.ts";
import type { Env } from "../runtime-env.ts";
import type { PgliteStore } from "../storage/pglite-store.ts";
import type { ProgressCount } from "./progress.ts";
import type { WallVersion } from "./wall-version.ts";

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
  return { kind: "pglite", dataDir: env("PGLITE_DATA_DIR") ?? embeddedDataDir };
}

const asText = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  ) as unknown as PublicSignatory;

/** PostgREST answers at most 1,000 rows a request on Supabase, so larger reads come in pages. */
async function allPages<T>(
  fetchPage: (
    from: number,
    to: number,
  ) => PromiseLike<{ data: unknown; error: { code: string; message: string } | null }>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let from = 0; ; from += 1000) {
    const { data, error } = await fetchPage(from, from + 999);
    if (error) throw new Error(`Supabase refused the public read: ${error.code} ${error.message}`);
    const page = (data ?? []) as T[];
    rows.push(...page);
    if (page.length < 1000) return rows;
  }
}

const anonClient = (source: { url: string; anonKey: string }) =>
  createClient(source.url, source.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });

/** Runs one read as the anonymous role on the sources reached with SQL. */
async function readAsAnon(source: Exclude<PublicWallSource, { kind: "supabase" }>, sql: string) {
  if (source.kind === "postgres") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: source.connectionString });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("set local role anon");
      const { rows } = await client.query(sql);
      await client.query("commit");
      return rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  // The shared instance: under `astro dev` the pledge function has this folder open in the
  // same process, and a second instance on one folder would corrupt it.
  const { openStore } = await import("../storage/choose-store.ts");
  const store = (await openStore({ kind: "pglite", dataDir: source.dataDir })) as unknown as PgliteStore;
  return store.asRole<Record<string, unknown>>("anon", sql);
}

export async function readPublicSignatories(source: PublicWallSource): Promise<PublicSignatory[]> {
  if (source.kind === "supabase") {
    const client = anonClient(source);
    return allPages<PublicSignatory>((from, to) =>
      client
        .from("public_signatories")
        .select(columns)
        .order("listed_at", { ascending: false })
        .order("id")
        .range(from, to),
    );
  }
  return (await readAsAnon(source, query)).map(asText);
}

/**
 * The progress page's totals of approved pledges, named or counted only, as the database counts
 * them: counts under 5 are never handed out, and no pledge is readable one by one.
 */
export async function readProgressCounts(source: PublicWallSource): Promise<ProgressCount[]> {
  const rows =
    source.kind === "supabase"
      ? await allPages<Record<string, unknown>>((from, to) =>
          anonClient(source).rpc("public_progress").order("measure").order("category").range(from, to),
        )
      : await readAsAnon(source, "select measure, category, pledges from public.public_progress()");
  return rows.map((row) => ({
    measure: row.measure as ProgressCount["measure"],
    category: typeof row.category === "string" ? row.category : null,
    pledges: Number(row.pledges),
  }));
}

const wallVersionOf = (row: Record<string, unknown> | undefined): WallVersion => {
  if (!row || typeof row.version !== "string") throw new Error("public_wall_version() returned no version");
  const decided = row.last_decided_at;
  return {
    version: row.version,
    approved: row.approved === null || row.approved === undefined ? null : Number(row.approved),
    lastDecidedAt: decided instanceof Date ? decided.toISOString() : typeof decided === "string" ? decided : null,
  };
};

/**
 * The version of the public view of approved pledges, read as the anonymous role like the wall
 * itself, so it follows withdrawals as well as approvals. The scheduled rebuild check reads it
 * often, so a Supabase read gives up after timeoutMs.
 */
export async function readPublicWallVersion(source: PublicWallSource, timeoutMs = 10_000): Promise<WallVersion> {
  if (source.kind === "supabase") {
    const { data, error } = await anonClient(source)
      .rpc("public_wall_version")
      .abortSignal(AbortSignal.timeout(timeoutMs))
      .single();
    if (error) throw new Error(`Supabase refused the wall version: ${error.code} ${error.message}`);
    return wallVersionOf(data as Record<string, unknown>);
  }
  const [row] = await readAsAnon(source, "select version, approved, last_decided_at from public.public_wall_version()");
  return wallVersionOf(row);
}
