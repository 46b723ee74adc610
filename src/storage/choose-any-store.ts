/**
 * Opens any store the configuration names, the embedded database in .data/ included, for the
 * command line, the seed, the dev server and the tests. Deployed functions use choose-store.ts,
 * which never names PGlite, so its WebAssembly stays out of their bundles.
 */
import type { StoreChoice } from "../config.ts";
import { openOnce, openStore as openServerStore, type Storage } from "./choose-store.ts";

export type { Storage, StoreChoice };

export async function openAnyStore(choice: StoreChoice): Promise<Storage> {
  if (choice.kind !== "pglite") return openServerStore(choice);
  // While npm start serves the folder, its server is the only way in: two instances on one
  // folder lose and corrupt pledges.
  const served = await (await import("./embedded-database-server.ts")).servedDatabaseUrl(choice.dataDir);
  if (served) return openServerStore({ kind: "postgres", connectionString: served });
  return openOnce(`pglite:${choice.dataDir}`, async () =>
    (await import("./pglite-store.ts")).openPgliteStore(choice.dataDir),
  );
}
