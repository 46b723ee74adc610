/**
 * Where the public wall is read from, decided once like the store: Supabase (with the anon key)
 * when SUPABASE_URL is set, a PostgreSQL server when DATABASE_URL is set, otherwise the embedded
 * database in .data/. Every choice reads as the anonymous role.
 */
import { embeddedDataDir } from "../local-data.ts";
import type { Env } from "../runtime-env.ts";
import type { Storage } from "./choose-store.ts";
import type { PgliteStore } from "./pglite-store.ts";
import type { PublicWallReader } from "./public-wall-reader.ts";

export type PublicWallSource =
  | { kind: "supabase"; url: string; anonKey: string }
  | { kind: "postgres"; connectionString: string }
  | { kind: "pglite"; dataDir: string };

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

async function open(source: PublicWallSource): Promise<PublicWallReader> {
  switch (source.kind) {
    case "supabase":
      return (await import("./supabase-public-wall-reader.ts")).supabasePublicWallReader(source);
    case "postgres": {
      const [{ postgresAnonRunner }, { sqlPublicWallReader }] = await Promise.all([
        import("./postgres-store.ts"),
        import("./sql-public-wall-reader.ts"),
      ]);
      return sqlPublicWallReader(postgresAnonRunner(source.connectionString));
    }
    case "pglite": {
      // The shared instance: under `astro dev` the pledge function has this folder open in the
      // same process, and a second instance on one folder would corrupt it.
      // A dev server may reload the class while the registry keeps the instance, so no instanceof.
      const [{ openStore }, { sqlPublicWallReader }] = await Promise.all([
        import("./choose-store.ts"),
        import("./sql-public-wall-reader.ts"),
      ]);
      const store: Storage & Partial<Pick<PgliteStore, "asRole">> = await openStore({
        kind: "pglite",
        dataDir: source.dataDir,
      });
      if (!store.asRole) throw new Error("the embedded database did not open as PGlite");
      const embedded = store as Pick<PgliteStore, "asRole">;
      return sqlPublicWallReader(<T>(sql: string) => embedded.asRole<T>("anon", sql));
    }
  }
}

/** A reader for the source, opened on its first read, so choosing one costs nothing until it is used. */
export function openPublicWallReader(source: PublicWallSource): PublicWallReader {
  let opened: Promise<PublicWallReader> | undefined;
  const reader = () => {
    opened ??= open(source);
    opened.catch(() => {
      opened = undefined;
    });
    return opened;
  };
  return {
    readSignatories: async () => (await reader()).readSignatories(),
    readProgress: async () => (await reader()).readProgress(),
    readWallVersion: async (options) => (await reader()).readWallVersion(options),
  };
}
