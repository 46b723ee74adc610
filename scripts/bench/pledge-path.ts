/**
 * Benchmarks the pledge path against serving a static page from the same server in the same run:
 * requests per second and p50/p99 latency of POST /api/pledge (checking answers, and storing
 * pledges on the embedded database and on a real PostgreSQL when one is reachable), each as a
 * ratio to GET of a static page, with a count of what was stored against what was acknowledged.
 * The server runs in its own process (pledge-server.ts), so the load generator here does not
 * share its event loop. Everything runs on 127.0.0.1, bounded in time.
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import autocannon from "autocannon";
import { issueFormToken } from "../../src/pledge/form-token.ts";
import { defaultPostgresUrl, recreateAndMigrate } from "../lib/postgres-database.ts";
import type { ServerMessage } from "./pledge-server.ts";

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

interface BenchServer {
  origin: string;
  count(): Promise<number>;
  close(): Promise<void>;
}

async function nextMessage(child: ChildProcess): Promise<ServerMessage> {
  const [message] = (await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`the benchmark's pledge server stopped (exit code ${code})`);
    }),
  ])) as [ServerMessage];
  return message;
}

/** Starts the built site and the real pledge handler, on the embedded database or PostgreSQL. */
async function serve(database: { kind: "pglite" } | { kind: "postgres"; url: string }): Promise<BenchServer> {
  const child = fork(
    new URL("./pledge-server.ts", import.meta.url),
    database.kind === "postgres" ? ["postgres", database.url] : ["pglite"],
    {
      env: { ...process.env, BENCH_SECRET: secret },
      // BENCH_PROFILE=<folder> writes the server's CPU profile there, to see where its time goes.
      execArgv: process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    },
  );
  const ready = await nextMessage(child);
  if (!("origin" in ready)) throw new Error("the benchmark's pledge server did not say where it listens");
  return {
    origin: ready.origin,
    count: async () => {
      child.send("count");
      const answer = await nextMessage(child);
      if (!("count" in answer)) throw new Error("the benchmark's pledge server did not answer with a count");
      return answer.count;
    },
    close: async () => {
      child.send("close");
      await once(child, "exit");
    },
  };
}

/** Sustained storing: each request a new organisation with its own token, so a real insert. */
async function storeRun(origin: string, label: string, count: () => Promise<number>) {
  // Signed a minute in the past, so every token is old enough to use: this measures the work of
  // storing, not the reading time a person is given.
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

  const server = await serve({ kind: "pglite" });
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
    const { measurement, counted } = await storeRun(server.origin, "embedded PGlite", server.count);
    measurements.push(measurement);
    counts.push(counted);
  } finally {
    await server.close();
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
  const pgServer = await serve({ kind: "postgres", url });
  try {
    const { measurement, counted } = await storeRun(pgServer.origin, "PostgreSQL", pgServer.count);
    measurements.push(measurement);
    counts.push(counted);
  } finally {
    await pgServer.close();
  }
  return { measurements, counts, notes };
}
