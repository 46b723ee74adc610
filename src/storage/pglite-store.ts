/**
 * The embedded database: PostgreSQL in WebAssembly, kept in .data/ so `npm start` needs no
 * server and no account. Queries run as Supabase's roles (service_role to write, anon to read
 * the wall), so the embedded default obeys the same grants and policies as production.
 */
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "./migrations.ts";
import {
  type NewPledge,
  outcomeFromRow,
  type PledgeLifecycle,
  type PledgeModeration,
  type PledgeStore,
  StorageUnavailableError,
  type SubmitOutcome,
} from "./pledge-store.ts";
import { sqlLifecycle } from "./sql-lifecycle.ts";
import { sqlModeration } from "./sql-moderation.ts";

export type DatabaseRole = "service_role" | "anon";

export class PgliteStore implements PledgeStore, PledgeLifecycle, PledgeModeration {
  readonly db: PGlite;
  readonly #lifecycle: PledgeLifecycle;
  readonly #moderation: PledgeModeration;

  constructor(db: PGlite) {
    this.db = db;
    const asServiceRole = <T>(sql: string, params: unknown[]) => this.asRole<T>("service_role", sql, params);
    this.#lifecycle = sqlLifecycle(asServiceRole);
    this.#moderation = sqlModeration(asServiceRole);
  }

  erase(pledgeId: string) {
    return this.#lifecycle.erase(pledgeId);
  }

  applyRetention(periods: Parameters<PledgeLifecycle["applyRetention"]>[0]) {
    return this.#lifecycle.applyRetention(periods);
  }

  list(filter?: Parameters<PledgeModeration["list"]>[0]) {
    return this.#moderation.list(filter);
  }

  show(idOrReference: string) {
    return this.#moderation.show(idOrReference);
  }

  setStatus(change: Parameters<PledgeModeration["setStatus"]>[0]) {
    return this.#moderation.setStatus(change);
  }

  exportAll() {
    return this.#moderation.exportAll();
  }

  /** Runs one statement as a Supabase role, the way PostgREST would. */
  async asRole<T>(role: DatabaseRole, sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.transaction(async (tx) => {
      await tx.exec(`set local role ${role}`);
      return (await tx.query<T>(sql, params)).rows;
    });
  }

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    try {
      const [row] = await this.asRole<{ outcome: string; reference: string | null; publicly_listed: boolean | null }>(
        "service_role",
        "select * from public.submit_pledge($1::jsonb)",
        [JSON.stringify(pledge)],
      );
      return outcomeFromRow(row);
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error;
      throw new StorageUnavailableError(`The embedded database refused the pledge: ${(error as Error).message}`, {
        cause: error,
      });
    }
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
