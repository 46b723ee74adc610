/**
 * Benchmarks the pledge path against serving a static page from the same server in the same run:
 * requests per second and p50/p99 latency of POST /api/pledge (checking answers, and storing
 * pledges in the embedded database), each printed as a ratio to GET of a static page.
 * Everything runs on 127.0.0.1, bounded in time and count.
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
import { distDir, startBuiltSiteServer } from "../lib/built-site-server.ts";

export interface Measurement {
  name: string;
  requests: number;
  non2xx: number;
  rps: number;
  p50: number;
  p99: number;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const secret = "bench-secret";
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

export async function benchPledgePath(): Promise<{
  measurements: Measurement[];
  stored: number;
  acknowledged: number;
  started: number;
}> {
  const database = await openPgliteStore();
  // The clock is moved on for the service so the tokens issued below are old enough to use:
  // this measures the work of storing, not the minimum reading time.
  const handler = createPledgeHandler({
    handle: createPledgeService({
      store: async () => database,
      secret,
      charterVersion: charter.version,
      checkLimiter: unlimited(),
      submitLimiter: unlimited(),
      now: () => Date.now() + 60_000,
    }),
    loadShell: () => readFile(join(distDir, "pledge/index.html"), "utf8"),
    allowedOrigins: [],
    log: () => {},
  });
  const server = await startBuiltSiteServer({ functions: { "/api/pledge": handler } });
  const json = { "content-type": "application/json" };
  try {
    const measurements = [await run("GET /charter/ (static page)", { url: `${server.origin}/charter/` })];
    measurements.push(
      await run("POST /api/pledge, check answers", {
        url: `${server.origin}/api/pledge`,
        method: "POST",
        headers: json,
        body: JSON.stringify({ ...answers(0), intent: "check" }),
      }),
    );
    // Each request is a new organisation with its own token, so every one is a real insert.
    // Tokens are signed before the run because autocannon cannot wait for one per request.
    const now = Date.now();
    const bodies = await Promise.all(
      Array.from({ length: Number(process.env.BENCH_MAX_PLEDGES ?? 30_000) }, async (_, index) =>
        JSON.stringify({ ...answers(index + 1), intent: "submit", token: await issueFormToken(secret, now) }),
      ),
    );
    let sent = 0;
    const store = await run("POST /api/pledge, store a pledge", {
      url: `${server.origin}/api/pledge`,
      method: "POST",
      headers: json,
      requests: [
        {
          setupRequest: (request) => {
            const body = bodies[sent];
            if (body === undefined) throw new Error("Prepare more pledges: raise BENCH_MAX_PLEDGES");
            sent += 1;
            return { ...request, body };
          },
        },
      ],
    });
    measurements.push(store);
    const { rows } = await database.db.query<{ n: number }>("select count(*)::int as n from public.pledges");
    return { measurements, stored: rows[0]?.n ?? -1, acknowledged: store.requests - store.non2xx, started: sent };
  } finally {
    await server.close();
    await database.db.close();
  }
}
