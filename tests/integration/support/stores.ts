/**
 * The storage adapters that can run here, each opened on a fresh, migrated database: the
 * embedded PGlite always, and PostgreSQL through the PostgreSQL adapter when TEST_DATABASE_URL
 * points at a server.
 */
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { openMigrated, testDatabaseKinds } from "./databases.ts";

export interface StoreTarget {
  store: PgliteStore | PostgresStore;
  /** Rows in public.pledges, counted outside the adapter under test. */
  count(): Promise<number>;
  close(): Promise<void>;
}

type PgliteStore = Awaited<ReturnType<typeof openPgliteStore>>;

export interface OpenOptions {
  /** PostgreSQL only: how the adapter reaches the server, e.g. through a relay that can be cut. */
  via?: (url: string) => Promise<string>;
  poolSize?: number;
}

export const storeTargets: { name: string; open: (options?: OpenOptions) => Promise<StoreTarget> }[] = [
  {
    name: "PGlite",
    open: async () => {
      const store = await openPgliteStore();
      return {
        store,
        count: async () =>
          (await store.db.query<{ n: number }>("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1,
        close: () => store.db.close(),
      };
    },
  },
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
          count: async () =>
            (await db.query<{ n: number }>("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1,
          close: async () => {
            await store.close();
            await db.close();
          },
        };
      },
    })),
];
