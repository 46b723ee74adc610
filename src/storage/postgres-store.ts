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

export class PostgresStore implements PledgeStore {
  readonly pool: pg.Pool;

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

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      await client.query("begin");
      await client.query("set local role service_role");
      const { rows } = await client.query("select * from public.submit_pledge($1::jsonb)", [JSON.stringify(pledge)]);
      await client.query("commit");
      return outcomeFromRow(rows[0]);
    } catch (error) {
      await client?.query("rollback").catch(() => {});
      if (error instanceof StorageUnavailableError) throw error;
      throw new StorageUnavailableError(`PostgreSQL refused the pledge: ${(error as Error).message}`, { cause: error });
    } finally {
      client?.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
