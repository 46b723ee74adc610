/** A PostgreSQL database made afresh from supabase/migrations/, for the Supabase CLI to inspect. */
import pg from "pg";
import { readConfig } from "../../src/config.ts";
import { migrate } from "../../src/storage/migrations.ts";

export async function recreateAndMigrate(url: string): Promise<string[]> {
  const target = new URL(url);
  const database = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Refusing an unusual database name: ${database}`);
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";

  const admin = new pg.Client({ connectionString: adminUrl.href });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrate({
      exec: (sql) => client.query(sql),
      query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
    });
  } finally {
    await client.end();
  }
}

/** The PostgreSQL server DATABASE_URL names, or the one on this machine, with a database of the given name. */
export function defaultPostgresUrl(database: string): string {
  const store = readConfig().store;
  return store.kind === "postgres"
    ? store.connectionString
    : `postgresql://postgres:postgres@127.0.0.1:5432/${database}`;
}
