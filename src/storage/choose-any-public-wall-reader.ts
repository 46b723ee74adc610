/**
 * Opens the public wall's reader for any source the configuration names, the embedded database
 * included, for the build and the tests. Deployed functions use choose-public-wall-reader.ts.
 */
import type { PublicWallSource } from "../config.ts";
import { openAnyStore } from "./choose-any-store.ts";
import { lazyReader, openServerReader } from "./choose-public-wall-reader.ts";
import type { Storage } from "./choose-store.ts";
import type { PgliteStore } from "./pglite-store.ts";
import type { PublicWallReader } from "./public-wall-reader.ts";

export type { PublicWallSource };

async function open(source: PublicWallSource): Promise<PublicWallReader> {
  if (source.kind !== "pglite") return openServerReader(source);
  // A build while npm start serves the folder reads through its server, as the anonymous role.
  const served = await (await import("./embedded-database-server.ts")).servedDatabaseUrl(source.dataDir);
  if (served) return openServerReader({ kind: "postgres", connectionString: served });
  // The shared instance: a process that stores pledges in this folder has it open already, and a
  // second instance on one folder would corrupt it. A dev server may reload the class while the
  // registry keeps the instance, so no instanceof.
  const [store, { sqlPublicWallReader }] = await Promise.all([
    openAnyStore({ kind: "pglite", dataDir: source.dataDir }) as Promise<
      Storage & Partial<Pick<PgliteStore, "asRole">>
    >,
    import("./sql-public-wall-reader.ts"),
  ]);
  if (!store.asRole) throw new Error("the embedded database did not open as PGlite");
  const embedded = store as Pick<PgliteStore, "asRole">;
  return sqlPublicWallReader(<T>(sql: string) => embedded.asRole<T>("anon", sql));
}

/** A reader for the source, opened on its first read. */
export function openAnyPublicWallReader(source: PublicWallSource): PublicWallReader {
  return lazyReader(() => open(source));
}
