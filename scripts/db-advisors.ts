/**
 * npm run db:advisors: Supabase's security and performance advisors on a PostgreSQL database made
 * afresh from the migrations. Any warning fails. Needs a PostgreSQL server (DATABASE_URL, or
 * postgres:postgres on 127.0.0.1:5432).
 */
import { defaultPostgresUrl, recreateAndMigrate } from "./lib/postgres-database.ts";
import { supabase } from "./lib/supabase-cli.ts";

const url = defaultPostgresUrl("charter_advisors");
const applied = await recreateAndMigrate(url);
console.log(`applied ${applied.length} migration(s) to ${new URL(url).pathname.slice(1)}`);
try {
  supabase(["db", "advisors", `--remote=${url}`, "--type", "all", "--fail-on", "warn"]);
} catch {
  console.error("The Supabase advisors reported a problem (above).");
  process.exit(1);
}
