/**
 * Storage on any PostgreSQL reached directly (DATABASE_URL): a server of the council's own, or
 * Supabase's direct connection. Each call runs as Supabase's service_role, as PostgREST would,
 * so the same grants and functions apply as on the other adapters.
 */
import pg from "pg";
import {
  type NewPledge,
  outcomeFromRow,
  type PledgeStore,
  StorageUnavailableError,
  type SubmitOutcome,
} from "./pledge-store.ts";
import { SqlStorage } from "./sql-storage.ts";

/** One statement as service_role, in its own transaction, as PostgREST runs a request. */
async function asServiceRoleOn<T>(pool: pg.Pool, sql: string, params: unknown[]): Promise<T[]> {
  const client = await pool.connect();
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

export class PostgresStore extends SqlStorage implements PledgeStore {
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    const pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 4000,
      statement_timeout: 4000,
    });
    super((sql, params) => asServiceRoleOn(pool, sql, params));
    this.pool = pool;
    // An idle connection dropped by the server must not crash the process.
    this.pool.on("error", () => {});
  }

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    try {
      const [row] = await asServiceRoleOn<Parameters<typeof outcomeFromRow>[0]>(
        this.pool,
        "select * from public.submit_pledge($1::jsonb)",
        [JSON.stringify(pledge)],
      );
      return outcomeFromRow(row);
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error;
      throw new StorageUnavailableError(`PostgreSQL refused the pledge: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
