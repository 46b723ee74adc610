/**
 * The storage adapters that can run here, each opened on a fresh, migrated database: the
 * embedded PGlite always, and PostgreSQL through the PostgreSQL adapter when TEST_DATABASE_URL
 * points at a server. The raw databases (for SQL as a role) are in databases.ts; the wall's
 * tests add its public read path to these in wall-databases.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openAnyStore } from "../../../src/storage/choose-any-store.ts";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { openMigrated, testDatabaseKinds } from "./databases.ts";

type PgliteStore = Awaited<ReturnType<typeof openPgliteStore>>;

export interface StoreTarget {
  store: PgliteStore | PostgresStore;
  /** Rows in public.pledges, counted outside the adapter under test. */
  count(): Promise<number>;
  /** One statement as the database owner, outside the adapter under test: to look, or to set up what no role may. */
  asOwner<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Where another client reaches the same database: PGlite's folder, or PostgreSQL's address. */
  reach: { kind: "pglite"; dataDir: string | undefined } | { kind: "postgres"; connectionString: string };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: how the adapter reaches the server, e.g. through a relay that can be cut. */
  via?: (url: string) => Promise<string>;
  poolSize?: number;
  /**
   * PGlite only: keep the database in a fresh folder, opened once for the process as the site
   * opens it, so a reader given the folder shares it; otherwise it is kept in memory.
   */
  inFolder?: boolean;
}

const countPledges = async (query: (sql: string) => Promise<{ rows: { n: number }[] }>) =>
  (await query("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1;

async function openPglite(options: OpenOptions = {}): Promise<StoreTarget> {
  const dataDir = options.inFolder ? await mkdtemp(join(tmpdir(), "store-db-")) : undefined;
  const store = dataDir
    ? ((await openAnyStore({ kind: "pglite", dataDir })) as unknown as PgliteStore)
    : await openPgliteStore();
  return {
    store,
    count: () => countPledges((sql) => store.db.query<{ n: number }>(sql)),
    asOwner: async <T>(sql: string, params?: unknown[]) => (await store.db.query<T>(sql, params)).rows,
    reach: { kind: "pglite", dataDir },
    close: async () => {
      await store.db.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const storeTargets: { name: string; open: (options?: OpenOptions) => Promise<StoreTarget> }[] = [
  { name: "PGlite", open: openPglite },
  ...testDatabaseKinds
    .filter((kind) => kind.name === "PostgreSQL")
    .map((kind) => ({
      name: "PostgreSQL",
      open: async (options: OpenOptions = {}): Promise<StoreTarget> => {
        const db = await openMigrated(kind.open);
        const url = db.url ?? "";
        const store = new PostgresStore(options.via ? await options.via(url) : url, { max: options.poolSize ?? 10 });
        return {
          store,
          count: () => countPledges((sql) => db.query<{ n: number }>(sql)),
          asOwner: <T>(sql: string, params?: unknown[]) => db.as<T>("postgres", sql, params),
          reach: { kind: "postgres", connectionString: url },
          close: async () => {
            await store.close();
            await db.close();
          },
        };
      },
    })),
];
