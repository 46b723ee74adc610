/**
 * Serves dist/ with the real pledge function, as Netlify would, on 127.0.0.1.
 * Usage: node scripts/serve-built-site.ts [port]   (PGLITE_DATA_DIR chooses the database folder)
 */
import pledgeFunction, { config as pledgeConfig } from "../netlify/functions/pledge.ts";
import { startBuiltSiteServer } from "./lib/built-site-server.ts";

const { origin } = await startBuiltSiteServer({
  port: Number(process.argv[2] ?? process.env.PORT ?? 4330),
  functions: { [pledgeConfig.path as string]: pledgeFunction },
});
console.log(`Built site with the pledge function on ${origin}/`);
