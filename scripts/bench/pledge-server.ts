/**
 * The pledge server that the benchmark measures, in a process of its own so that the load
 * generator does not share its event loop: started by pledge-path.ts with fork(), it serves the
 * built site and the real pledge handler on 127.0.0.1 and answers "count" over IPC with the
 * pledges stored. Usage (by fork only): pledge-server.ts pglite | postgres <url>
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import charter from "../../content/charter.json" with { type: "json" };
import { createPledgeService } from "../../src/pledge/pledge-service.ts";
import { RateLimiter } from "../../src/pledge/rate-limit.ts";
import { createPledgeHandler } from "../../src/pledge-http/pledge-handler.ts";
import { openPgliteStore } from "../../src/storage/pglite-store.ts";
import { PostgresStore } from "../../src/storage/postgres-store.ts";
import { distDir, startBuiltSiteServer } from "../lib/built-site-server.ts";

export type ServerMessage = { origin: string } | { count: number };

const [kind, url = ""] = process.argv.slice(2);
const secret = process.env.BENCH_SECRET ?? "";
const unlimited = () => new RateLimiter([{ limit: Number.MAX_SAFE_INTEGER, windowSeconds: 1 }]);
const send = (message: ServerMessage) => process.send?.(message);

const database =
  kind === "postgres"
    ? (() => {
        // Sized for this 2-core machine: more connections only queue inside PostgreSQL.
        const store = new PostgresStore(url, { max: 8 });
        return {
          store,
          count: async () =>
            Number((await store.pool.query("select count(*)::int as n from public.pledges")).rows[0]?.n),
          close: () => store.close(),
        };
      })()
    : await openPgliteStore().then((store) => ({
        store,
        count: async () =>
          (await store.db.query<{ n: number }>("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1,
        close: () => store.db.close(),
      }));

const handler = createPledgeHandler({
  handle: createPledgeService({
    store: async () => database.store,
    secret,
    charterVersion: charter.version,
    checkLimiter: unlimited(),
    submitLimiter: unlimited(),
  }),
  loadShell: () => readFile(join(distDir, "pledge/index.html"), "utf8"),
  allowedOrigins: [],
  log: () => {},
});
const server = await startBuiltSiteServer({ functions: { "/api/pledge": handler } });

process.on("message", async (message) => {
  if (message === "count") send({ count: await database.count() });
  if (message === "close") {
    await server.close();
    await database.close();
    process.exit(0);
  }
});
// The parent's end: a benchmark stopped by hand must not leave a server behind.
process.on("disconnect", () => process.exit(0));
send({ origin: server.origin });
