/**
 * The embedded database: PostgreSQL in WebAssembly, kept in .data/ so `npm start` needs no
 * server and no account. Queries run as Supabase's roles (service_role to write, anon to read
 * the wall), so the embedded default obeys the same grants and policies as production.
 */
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "./migrations.ts";
import { SqlStorage } from "./sql-storage.ts";

export type DatabaseRole = "service_role" | "anon";

/** One statement as a Supabase role, in its own transaction, the way PostgREST runs a request. */
function asRoleOn<T>(db: PGlite, role: DatabaseRole, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.exec(`set local role ${role}`);
    return (await tx.query<T>(sql, params)).rows;
  });
}

export class PgliteStore extends SqlStorage {
  readonly db: PGlite;

  constructor(db: PGlite) {
    super((sql, params) => asRoleOn(db, "service_role", sql, params));
    this.db = db;
  }

  /** Runs one statement as a Supabase role, the way PostgREST would. */
  asRole<T>(role: DatabaseRole, sql: string, params: unknown[] = []): Promise<T[]> {
    return asRoleOn<T>(this.db, role, sql, params);
  }
}

/** Opens (creating if need be) and migrates an embedded database; in memory when dataDir is omitted. */
export async function openPgliteStore(dataDir?: string): Promise<PgliteStore> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  await migrate(db);
  return new PgliteStore(db);
}
