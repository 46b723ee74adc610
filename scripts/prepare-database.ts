/**
 * Creates (or recreates) a PostgreSQL database with the migrations applied, for the Supabase
 * CLI's advisors. Usage: node scripts/prepare-database.ts [postgresql url]
 */
import { defaultPostgresUrl, recreateAndMigrate } from "./lib/postgres-database.ts";

const url = process.argv[2] ?? defaultPostgresUrl("charter_advisors");
const applied = await recreateAndMigrate(url);
console.log(`${new URL(url).pathname.slice(1)}: applied ${applied.length} migration(s)`);
