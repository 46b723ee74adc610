/**
 * `npm start` without settings: the dev server owns the embedded database and hands its address
 * (and the local token secret) to the function workers through their environment, so they never
 * open the database folder themselves. Does nothing when Supabase or a PostgreSQL is configured.
 */
import type { AstroIntegration } from "astro";

export function embeddedDatabase(): AstroIntegration {
  let served: { url: string; close(): Promise<void> } | undefined;
  return {
    name: "embedded-database",
    hooks: {
      "astro:server:setup": async ({ logger }) => {
        if (process.env.SUPABASE_URL || process.env.DATABASE_URL) return;
        const [{ serveEmbeddedDatabase }, { storeChoiceFrom }, { tokenSecret }] = await Promise.all([
          import("../storage/embedded-database-server.ts"),
          import("../storage/choose-store.ts"),
          import("../token-secret.ts"),
        ]);
        const env = (name: string) => process.env[name];
        const choice = storeChoiceFrom(env);
        if (choice.kind !== "pglite") return;
        const server = await serveEmbeddedDatabase(choice.dataDir);
        // Workers copy this process's environment when they start, so both reach every call.
        process.env.PLEDGE_TOKEN_SECRET ??= await tokenSecret(env, choice);
        process.env.DATABASE_URL = server.url;
        served = server;
        logger.info(`embedded database in ${choice.dataDir}, served at ${server.url}`);
      },
      "astro:server:done": async ({ logger }) => {
        if (!served) return;
        // A restart of the dev server (after a config change) serves the database afresh.
        if (process.env.DATABASE_URL === served.url) delete process.env.DATABASE_URL;
        await served.close();
        served = undefined;
        logger.info("embedded database closed");
      },
    },
  };
}
