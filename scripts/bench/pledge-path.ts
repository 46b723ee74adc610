/**
 * Benchmarks the pledge path against serving a static page from the same server in the same run:
 * requests per second and p50/p99 latency of POST /api/pledge (checking answers, and storing
 * pledges on the embedded database and on a real PostgreSQL when one is reachable), each as a
 * ratio to GET of a static page, with a count of what was stored against what was acknowledged.
 * Everything runs on 127.0.0.1, bounded in time.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import autocannon from "autocannon";
import charter from "../../content/charter.json" with { type: "json" };
import { issueFormToken } from "../../src/pledge/form-token.ts";
import { createPledgeService } from "../../src/pledge/pledge-service.ts";
import { RateLimiter } from "../../src/pledge/rate-limit.ts";
import { createPledgeHandler } from "../../src/pledge-http/pledge-handler.ts";
import { openPgliteStore } from "../../src/storage/pglite-store.ts";
import type { PledgeStore } from "../../src/storage/pledge-store.ts";
import { PostgresStore } from "../../src/storage/postgres-store.ts";
import { distDir, startBuiltSiteServer } from "../lib/built-site-server.ts";
import { defaultPostgresUrl, recreateAndMigrate } from "../lib/postgres-database.ts";

export interface Measurement {
  name: string;
  requests: number;
  non2xx: number;
  rps: number;
  p50: number;
  p99: number;
}

export interface StoreCount {
  database: string;
  acknowledged: number;
  stored: number;
  started: number;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const secret = "bench-secret";
const json = { "content-type": "application/json" };
const unlimited = () => new RateLimiter([{ limit: Number.MAX_SAFE_INTEGER, windowSeconds: 1 }]);

function answers(n: number) {
  return {
    kind: "business",
    name: `Benchmark Business ${n}`,
    ward: "bedwell",
    actions: ["buying-locally"],
    commitment: "We will buy locally.",
    contactName: "Bench Person",
    email: `bench.${n}@example.com`,
    listing: "organisation-name",
    privacy: "yes",
  };
}

async function run(name: string, options: autocannon.Options): Promise<Measurement> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    name,
    requests: result.requests.total,
    non2xx: result.non2xx,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

async function serve(store: PledgeStore) {
  // Tokens below are signed a minute in the past, so every one is old enough to use: this
  // measures the work of storing, not the reading time a person is given.
  const handler = createPledgeHandler({
    handle: createPledgeService({
      store: async () => store,
      secret,
      charterVersion: charter.version,
      checkLimiter: unlimited(),
      submitLimiter: unlimited(),
    }),
    loadShell: () => readFile(join(distDir, "pledge/index.html"), "utf8"),
    allowedOrigins: [],
    log: () => {},
  });
  return startBuiltSiteServer({ functions: { "/api/pledge": handler } });
}

/** Sustained storing: each request a new organisation with its own token, so a real insert. */
async function storeRun(origin: string, label: string, count: () => Promise<number>) {
  const issued = Date.now() - 60_000;
  const bodies = await Promise.all(
    Array.from({ length: Number(process.env.BENCH_MAX_PLEDGES ?? 40_000) }, async (_, index) =>
      JSON.stringify({ ...answers(index + 1), intent: "submit", token: await issueFormToken(secret, issued) }),
    ),
  );
  let started = 0;
  const before = await count();
  const measurement = await run(`POST /api/pledge, store (${label})`, {
    url: `${origin}/api/pledge`,
    method: "POST",
    headers: json,
    requests: [
      {
        setupRequest: (request) => {
          const body = bodies[started];
          if (body === undefined) throw new Error("Prepare more pledges: raise BENCH_MAX_PLEDGES");
          started += 1;
          return { ...request, body };
        },
      },
    ],
  });
  // Let requests still in flight when the clock stopped finish before counting.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const counted: StoreCount = {
    database: label,
    acknowledged: measurement.requests - measurement.non2xx,
    stored: (await count()) - before,
    started,
  };
  return { measurement, counted };
}

export async function benchPledgePath(): Promise<{
  measurements: Measurement[];
  counts: StoreCount[];
  notes: string[];
}> {
  const notes: string[] = [];
  const measurements: Measurement[] = [];
  const counts: StoreCount[] = [];

  const embedded = await openPgliteStore();
  const server = await serve(embedded);
  try {
    measurements.push(await run("GET /charter/ (static page)", { url: `${server.origin}/charter/` }));
    measurements.push(
      await run("POST /api/pledge, check answers", {
        url: `${server.origin}/api/pledge`,
        method: "POST",
        headers: json,
        body: JSON.stringify({ ...answers(0), intent: "check" }),
      }),
    );
    const count = async () =>
      (await embedded.db.query<{ n: number }>("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1;
    const { measurement, counted } = await storeRun(server.origin, "embedded PGlite", count);
    measurements.push(measurement);
    counts.push(counted);
  } finally {
    await server.close();
    await embedded.db.close();
  }

  const url = defaultPostgresUrl("charter_bench");
  try {
    await recreateAndMigrate(url);
  } catch (error) {
    notes.push(
      `PostgreSQL not measured: ${(error as Error).message} (set DATABASE_URL or start a server on 127.0.0.1:5432)`,
    );
    return { measurements, counts, notes };
  }
  const postgres = new PostgresStore(url, { max: 8 });
  const pgServer = await serve(postgres);
  try {
    const count = async () =>
      Number((await postgres.pool.query("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1);
    const { measurement, counted } = await storeRun(pgServer.origin, "PostgreSQL", count);
    measurements.push(measurement);
    counts.push(counted);
  } finally {
    await pgServer.close();
    await postgres.close();
  }
  return { measurements, counts, notes };
}
