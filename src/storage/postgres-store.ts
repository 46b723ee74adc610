/**
 * Storage on any PostgreSQL reached directly (DATABASE_URL): a server of the council's own, or
 * Supabase's direct connection. Each call runs as Supabase's service_role, as PostgREST would,
 * so the same grants and functions apply as on the other adapters.
 */
import pg from "pg";
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

export class PostgresStore implements PledgeStore, PledgeLifecycle, PledgeModeration {
  readonly pool: pg.Pool;
  readonly #lifecycle = sqlLifecycle((sql, params) => this.#asServiceRole(sql, params));
  readonly #moderation = sqlModeration((sql, params) => this.#asServiceRole(sql, params));

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 4000,
      statement_timeout: 4000,
    });
    // An idle connection dropped by the server must not crash the process.
    this.pool.on("error", () => {});
  }

  /** One statement as service_role, in its own transaction, as PostgREST runs a request. */
  async #asServiceRole<T>(sql: string, params: unknown[]): Promise<T[]> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      await client.query("set local role service_role");
      const { rows } = await client.query(sql, params);
      await client.query("commit");
      return rows as T[];
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    try {
      const [row] = await this.#asServiceRole<Parameters<typeof outcomeFromRow>[0]>(
        "select * from public.submit_pledge($1::jsonb)",
        [JSON.stringify(pledge)],
      );
      return outcomeFromRow(row);
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error;
      throw new StorageUnavailableError(`PostgreSQL refused the pledge: ${(error as Error).message}`, { cause: error });
    }
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

  close(): Promise<void> {
    return this.pool.end();
  }
}
