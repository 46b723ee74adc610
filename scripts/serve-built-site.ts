/**
 * Serves dist/ with the real pledge and withdrawal functions, as Netlify would, on 127.0.0.1.
 * Usage: node scripts/serve-built-site.ts [port]   (PGLITE_DATA_DIR chooses the database folder)
 */
import pledgeFunction, { config as pledgeConfig } from "../netlify/functions/pledge.ts";
import withdrawFunction, { config as withdrawConfig } from "../netlify/functions/withdraw.ts";
import { startBuiltSiteServer } from "./lib/built-site-server.ts";

const port = Number(process.argv[2] ?? process.env.PORT ?? 4330);
// Links in e-mails written to the outbox point at this server.
process.env.SITE_URL ??= `http://127.0.0.1:${port}`;
const { origin } = await startBuiltSiteServer({
  port,
  functions: {
    [pledgeConfig.path as string]: pledgeFunction,
    [withdrawConfig.path as string]: withdrawFunction,
  },
});
console.log(`Built site with the pledge and withdrawal functions on ${origin}/`);
