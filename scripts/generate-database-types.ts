/**
 * Generates src/storage/database.types.ts from the migrations with the Supabase CLI, so database
 * types are never written by hand. With --check it fails instead when the file is out of date.
 * Needs a PostgreSQL server (DATABASE_URL, or postgres:postgres on 127.0.0.1:5432).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultPostgresUrl, recreateAndMigrate } from "./lib/postgres-database.ts";
import { supabase } from "./lib/supabase-cli.ts";

const typesFile = fileURLToPath(new URL("../src/storage/database.types.ts", import.meta.url));
const check = process.argv.includes("--check");
const url = defaultPostgresUrl("charter_types");

await recreateAndMigrate(url);
const output = supabase(["gen", "types", "typescript", `--remote=${url}`, "--schema", "public"], { capture: true });
// The CLI prints its connection notices on stdout too; the types start at the first export.
const generated = output.slice(output.indexOf("export type Json"));
const formatted = execFileSync("biome", ["format", "--stdin-file-path=src/storage/database.types.ts"], {
  input: generated,
  encoding: "utf8",
});

if (check) {
  if (readFileSync(typesFile, "utf8") !== formatted) {
    console.error("src/storage/database.types.ts is out of date with supabase/migrations/: run npm run db:types");
    process.exit(1);
  }
  console.log("src/storage/database.types.ts matches the migrations");
} else {
  writeFileSync(typesFile, formatted);
  console.log("wrote src/storage/database.types.ts");
}
