/**
 * A migrated database with the storage adapter that writes to it and the public read path the
 * wall reads it through, as the anonymous role: the embedded PGlite always, and PostgreSQL
 * when TEST_DATABASE_URL points at a server.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Storage } from "../../../src/storage/choose-store.ts";
import type { PgliteStore } from "../../../src/storage/pglite-store.ts";
import type { NewPledge, PledgeStatus } from "../../../src/storage/pledge-store.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import type { PublicWallSource } from "../../../src/wall/public-signatories.ts";
import { openMigrated, pledgeRow, testDatabaseKinds } from "./databases.ts";

export interface WallDatabase {
  store: Storage;
  source: PublicWallSource;
  close(): Promise<void>;
}

export const wallDatabases: { name: string; open: () => Promise<WallDatabase> }[] = [
  {
    name: "PGlite",
    open: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "wall-db-"));
      const store = await openStore({ kind: "pglite", dataDir });
      return {
        store,
        source: { kind: "pglite", dataDir },
        close: async () => {
          await (store as unknown as PgliteStore).db.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  ...testDatabaseKinds
    .filter((kind) => kind.name === "PostgreSQL")
    .map((kind) => ({
      name: "PostgreSQL",
      open: async (): Promise<WallDatabase> => {
        const db = await openMigrated(kind.open);
        const store = new PostgresStore(db.url ?? "", { max: 2 });
        return {
          store,
          source: { kind: "postgres", connectionString: db.url ?? "" },
          close: async () => {
            await store.close();
            await db.close();
          },
        };
      },
    })),
];

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
