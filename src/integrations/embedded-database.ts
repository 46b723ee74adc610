/**
 * `npm start` without settings: the dev server owns the embedded database and hands its address
 * (and the local token secret) to the function workers through their environment, so they never
 * open the database folder themselves. Does nothing when Supabase or a PostgreSQL is configured.
 */
import type { AstroIntegration } from "astro";
import { handToFunctions, readConfig } from "../config.ts";

export function embeddedDatabase(): AstroIntegration {
  let served: { url: string; close(): Promise<void> } | undefined;
  return {
    name: "embedded-database",
    hooks: {
      "astro:server:setup": async ({ logger }) => {
        const config = readConfig();
        const choice = config.store;
        if (choice.kind !== "pglite") return;
        const [{ serveEmbeddedDatabase }, { tokenSecret }] = await Promise.all([
          import("../storage/embedded-database-server.ts"),
          import("../token-secret.ts"),
        ]);
        const server = await serveEmbeddedDatabase(choice.dataDir);
        handToFunctions({ DATABASE_URL: server.url, PLEDGE_TOKEN_SECRET: await tokenSecret(config) });
        served = server;
        logger.info(`embedded database in ${choice.dataDir}, served at ${server.url}`);
      },
      "astro:server:done": async ({ logger }) => {
        if (!served) return;
        // A restart of the dev server (after a config change) serves the database afresh.
        const store = readConfig().store;
        if (store.kind === "postgres" && store.connectionString === served.url)
          handToFunctions({ DATABASE_URL: undefined });
        await served.close();
        served = undefined;
        logger.info("embedded database closed");
      },
    },
  };
}
