/**
 * A migrated database with the storage adapter that writes to it and the public read path the
 * wall reads it through, as the anonymous role: the store targets of stores.ts (the embedded
 * PGlite in a folder always, and PostgreSQL when TEST_DATABASE_URL points at a server), each
 * with the wall's source for the same database.
 */
import { openAnyPublicWallReader, type PublicWallSource } from "../../../src/storage/choose-any-public-wall-reader.ts";
import type { Storage } from "../../../src/storage/choose-store.ts";
import type { NewPledge, PledgeStatus } from "../../../src/storage/pledge-store.ts";
import type { PublicWallReader } from "../../../src/storage/public-wall-reader.ts";
import { pledgeRow } from "../../fixtures/pledge-records.ts";
import { storeTargets } from "./stores.ts";

export interface WallDatabase {
  store: Storage;
  source: PublicWallSource;
  /** The wall's reader for the same database, as the anonymous role. */
  reader: PublicWallReader;
  close(): Promise<void>;
}

export const wallDatabases: { name: string; open: () => Promise<WallDatabase> }[] = storeTargets.map((target) => ({
  name: target.name,
  open: async () => {
    const { store, reach, close } = await target.open({ inFolder: true, poolSize: 2 });
    const source: PublicWallSource =
      reach.kind === "postgres" ? reach : { kind: "pglite", dataDir: reach.dataDir ?? "" };
    return { store, source, reader: openAnyPublicWallReader(source), close };
  },
}));

/** Stores a pledge and moves it through the given statuses, as an officer would; returns its id. */
export async function pledgeWith(
  store: Storage,
  statuses: PledgeStatus[],
  overrides: Partial<Record<keyof NewPledge, unknown>> = {},
): Promise<string> {
  const outcome = await store.submit(pledgeRow(overrides));
  if (outcome.outcome !== "created") throw new Error(`the pledge was not stored: ${outcome.outcome}`);
  const record = await store.show(outcome.reference);
  if (!record) throw new Error("the stored pledge vanished");
  for (const status of statuses) {
    await store.setStatus({ id: record.id, status, actor: "Test Officer", reason: "test" });
  }
  return record.id;
}
