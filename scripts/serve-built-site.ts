/**
 * Serves dist/ with the real pledge, confirm, withdrawal, manage and check-in functions, as Netlify
 * would, on 127.0.0.1.
 * Usage: node scripts/serve-built-site.ts [port]   (PGLITE_DATA_DIR chooses the database folder)
 * Without Supabase or a PostgreSQL server configured, it serves the embedded database to the
 * functions as `npm start` does: functions speak only to a database server.
 */
import { handToFunctions, readConfig } from "../src/config.ts";
import { tokenSecret } from "../src/token-secret.ts";
import { startBuiltSiteServer } from "./lib/built-site-server.ts";

const port = Number(process.argv[2] ?? process.env.PORT ?? 4330);
const config = readConfig();
if (config.store.kind === "pglite") {
  const { serveEmbeddedDatabase } = await import("../src/storage/embedded-database-server.ts");
  const database = await serveEmbeddedDatabase(config.store.dataDir);
  handToFunctions({ DATABASE_URL: database.url, PLEDGE_TOKEN_SECRET: await tokenSecret(config) });
}
// Links in e-mails written to the outbox point at this server.
if (!config.siteUrl) handToFunctions({ SITE_URL: `http://127.0.0.1:${port}` });
// Loaded once the settings they read when they load are in place.
const loaded = await Promise.all(
  ["pledge", "confirm", "withdraw", "manage", "check-in"].map(
    (name) => import(`../netlify/functions/${name}.ts`) as Promise<{ default: unknown; config: { path?: unknown } }>,
  ),
);
const { origin } = await startBuiltSiteServer({
  port,
  functions: Object.fromEntries(
    loaded.map(({ default: handler, config }) => [config.path as string, handler as never]),
  ),
});
console.log(`Built site with the pledge, confirm, withdrawal, manage and check-in functions on ${origin}/`);
