/**
 * Opens the public wall's reader for a deployed function: Supabase with the anon key, or a
 * PostgreSQL server as the anonymous role. Nothing here names the embedded database, so a
 * function's bundle never carries PGlite; choose-any-public-wall-reader.ts adds it for the build
 * and the tests. Which source is decided once, in src/config.ts.
 */
import type { PublicWallSource, ServerPublicWallSource } from "../config.ts";
import type { PublicWallReader } from "./public-wall-reader.ts";

export type { PublicWallSource, ServerPublicWallSource };

export async function openServerReader(source: ServerPublicWallSource): Promise<PublicWallReader> {
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
  }
}

/** A reader opened on its first read, so choosing one costs nothing until it is used. */
export function lazyReader(open: () => Promise<PublicWallReader>): PublicWallReader {
  let opened: Promise<PublicWallReader> | undefined;
  const reader = () => {
    opened ??= open();
    opened.catch(() => {
      opened = undefined;
    });
    return opened;
  };
  return {
    readSignatories: async () => (await reader()).readSignatories(),
    readProgress: async () => (await reader()).readProgress(),
    readCommitments: async () => (await reader()).readCommitments(),
    readCheckInDates: async () => (await reader()).readCheckInDates(),
    readImpact: async () => (await reader()).readImpact(),
    readFormerSignatories: async () => (await reader()).readFormerSignatories(),
    readWallVersion: async (options) => (await reader()).readWallVersion(options),
  };
}

export function openPublicWallReader(source: ServerPublicWallSource): PublicWallReader {
  return lazyReader(() => openServerReader(source));
}
