/**
 * The databases the storage rules are tested on: the embedded PGlite always, and a real
 * PostgreSQL when TEST_DATABASE_URL points at a server (CI starts one). Each test file gets a
 * fresh database with the migrations applied from scratch.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate, type SqlRunner } from "../../../src/storage/migrations.ts";
import type { NewPledge } from "../../../src/storage/pledge-store.ts";

export type Role = "anon" | "authenticated" | "service_role" | "postgres";

export interface TestDatabase extends SqlRunner {
  name: string;
  /** How to reach this database from another client; only a server has one. */
  url?: string;
  /** One statement as a role, in its own transaction, as PostgREST runs a request. */
  as<T = Record<string, unknown>>(role: Role, sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function pglite(): Promise<TestDatabase> {
  const db = new PGlite();
  await db.waitReady;
  return {
    name: "PGlite",
    exec: (sql) => db.exec(sql),
    query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params),
    as: <T>(role: Role, sql: string, params: unknown[] = []) =>
      db.transaction(async (tx) => {
        if (role !== "postgres") await tx.exec(`set local role ${role}`);
        return (await tx.query<T>(sql, params)).rows;
      }),
    close: () => db.close(),
  };
}

async function postgres(url: string): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const database = `charter_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  await admin.query(`create database ${database}`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: target.href });
  await client.connect();
  return {
    name: "PostgreSQL",
    url: target.href,
    exec: (sql) => client.query(sql),
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
    as: async <T>(role: Role, sql: string, params: unknown[] = []) => {
      await client.query("begin");
      try {
        if (role !== "postgres") await client.query(`set local role ${role}`);
        const result = await client.query(sql, params);
        await client.query("commit");
        return result.rows as T[];
      } catch (error) {
        await client.query("rollback");
        throw error;
      }
    },
    close: async () => {
      await client.end();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    },
  };
}

export const testDatabaseKinds: { name: string; open: () => Promise<TestDatabase> }[] = [
  { name: "PGlite", open: pglite },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "PostgreSQL", open: () => postgres(process.env.TEST_DATABASE_URL ?? "") }]
    : []),
];

export async function openMigrated(open: () => Promise<TestDatabase>): Promise<TestDatabase> {
  const db = await open();
  await migrate(db);
  return db;
}

// The one factory for a pledge row, shared with the unit tests; re-exported where the
// database tests have always found it.
export { pledgeRow } from "../../fixtures/pledge-records.ts";

export async function submit(db: TestDatabase, row: NewPledge) {
  const [result] = await db.as<{ outcome: string; reference: string | null; publicly_listed: boolean }>(
    "service_role",
    "select * from public.submit_pledge($1::jsonb)",
    [JSON.stringify(row)],
  );
  if (!result) throw new Error("submit_pledge returned nothing");
  return result;
}
