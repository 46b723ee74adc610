/**
 * Applies supabase/migrations/ to a database that is not Supabase (the embedded PGlite, CI's
 * PostgreSQL), recording each in supabase_migrations.schema_migrations as the Supabase CLI does,
 * so the same files define every database.
 */
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const migrationsDir = fileURLToPath(new URL("../../supabase/migrations/", import.meta.url));
export const compatSqlPath = fileURLToPath(new URL("../../supabase/local/supabase-compat.sql", import.meta.url));

export interface SqlRunner {
  exec(sql: string): Promise<unknown>;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{14}_[a-z0-9_]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const [, version = "", name = ""] = /^(\d{14})_(.+)\.sql$/.exec(file) ?? [];
      return { version, name, sql: await readFile(`${dir}/${file}`, "utf8") };
    }),
  );
}

/** Prepares a plain PostgreSQL like Supabase, then applies the migrations it has not had. */
export async function migrate(db: SqlRunner): Promise<string[]> {
  await db.exec(await readFile(compatSqlPath, "utf8"));
  const applied = new Set(
    (await db.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).rows.map(
      (row) => row.version,
    ),
  );
  const pending = (await readMigrations()).filter((migration) => !applied.has(migration.version));
  for (const migration of pending) {
    // version and name come from the file name pattern above: digits, lower-case letters, _.
    try {
      await db.exec(
        `begin;\n${migration.sql}\n;insert into supabase_migrations.schema_migrations (version, name) values ('${migration.version}', '${migration.name}');\ncommit;`,
      );
    } catch (error) {
      await db.exec("rollback");
      throw new Error(`Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return pending.map((migration) => migration.version);
}
