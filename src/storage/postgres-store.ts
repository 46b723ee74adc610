/**
 * Storage on any PostgreSQL reached directly (DATABASE_URL): a server of the council's own, or
 * Supabase's direct connection (not its transaction pooler, which cannot carry a session's role).
 * Each call runs as Supabase's service_role, as PostgREST would, so the same grants and functions
 * apply as on the other adapters.
 */
import pg from "pg";
import { SqlStorage } from "./sql-storage.ts";

/**
 * libpq's connect_timeout (seconds) when the address carries one, otherwise 4 s: a pledge waits
 * in the queue rather than on a database that does not answer. The dev server's embedded
 * database asks for longer, since its workers compete for the same two cores.
 */
function connectTimeoutMs(connectionString: string): number {
  const seconds = Number(new URL(connectionString).searchParams.get("connect_timeout") ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 4000;
}

/** One statement, in its own transaction, as PostgREST runs a request: one round trip. */
async function asServiceRoleOn<T>(pool: pg.Pool, sql: string, params: unknown[]): Promise<T[]> {
  return (await pool.query(sql, params)).rows as T[];
}

export class PostgresStore extends SqlStorage {
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    const pool = new pg.Pool({
      connectionString,
      // Every session starts as service_role, set at connection start so a server that cannot
      // do it refuses the connection: no statement ever runs as the connecting superuser.
      options: "-c role=service_role",
      max: options.max ?? 10,
      // A function worker (or a command) ends when its work is done, not when idle connections time out.
      allowExitOnIdle: true,
      connectionTimeoutMillis: connectTimeoutMs(connectionString),
      statement_timeout: 4000,
    });
    super((sql, params) => asServiceRoleOn(pool, sql, params));
    this.pool = pool;
    // An idle connection dropped by the server must not crash the process.
    this.pool.on("error", () => {});
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * The public wall's read path on PostgreSQL: each read on its own short connection that starts
 * as the anon role, so it can read only what the public may.
 */
export function postgresAnonRunner(connectionString: string) {
  return async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({
      connectionString,
      options: "-c role=anon",
      connectionTimeoutMillis: connectTimeoutMs(connectionString),
    });
    await client.connect();
    try {
      // Asked again inside the transaction: a server that ignores the role given at connection
      // start (the embedded database served by npm start) must still read as anon.
      await client.query("begin");
      await client.query("set local role anon");
      const rows = (await client.query(sql)).rows as T[];
      await client.query("commit");
      return rows;
    } finally {
      await client.end();
    }
  };
}
