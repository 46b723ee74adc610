/**
 * The pledge path as `npm start` serves it, the README's first command: how long the server takes
 * to serve its first page, the first pledge request (which builds the function), then requests one
 * after another to check answers and to store pledges, each as a ratio to a static page from the
 * same server in the same run. Requests are sequential, as one person makes them; on 127.0.0.1.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issueFormToken } from "../../src/pledge/form-token.ts";
import { startNpmStart } from "../lib/npm-start.ts";

const secret = "bench-npm-start-secret";
const repeats = Number(process.env.BENCH_NPM_START_REQUESTS ?? 10);

export interface NpmStartTiming {
  name: string;
  /** Milliseconds per request: the median and the slowest of the run (one value for one request). */
  p50: number;
  max: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function timed(call: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await call();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`npm start answered ${response.status}`);
  return performance.now() - started;
}

async function series(name: string, call: (n: number) => Promise<Response>): Promise<NpmStartTiming> {
  const times: number[] = [];
  for (let n = 0; n < repeats; n++) times.push(await timed(() => call(n)));
  return { name, p50: median(times), max: Math.max(...times) };
}

function answers(n: number) {
  return {
    kind: "business",
    name: `Bench on npm start ${n} ${Date.now()}`,
    ward: "bedwell",
    actions: ["buying-locally"],
    contactName: "Bench Person",
    email: `bench.start.${n}.${Date.now()}@example.com`,
    listing: "organisation-name",
    privacy: "yes",
  };
}

export async function benchNpmStart(): Promise<NpmStartTiming[]> {
  const dataDir = await mkdtemp(join(tmpdir(), "bench-npm-start-"));
  const startedAt = performance.now();
  const server = await startNpmStart(dataDir, {
    env: { PLEDGE_TOKEN_SECRET: secret, PLEDGE_SUBMITS_PER_MINUTE: "1000", PLEDGE_CHECKS_PER_MINUTE: "1000" },
  });
  const ready = performance.now() - startedAt;
  const post = (body: unknown) =>
    fetch(`${server.origin}/api/pledge`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  try {
    const first = await timed(() => post({ ...answers(0), intent: "check" }));
    const page = await series("GET /charter/ (static page)", () => fetch(`${server.origin}/charter/`));
    const check = await series("POST /api/pledge, check answers", (n) => post({ ...answers(n), intent: "check" }));
    const issued = Date.now() - 60_000;
    const store = await series("POST /api/pledge, store", async (n) =>
      post({ ...answers(n), intent: "submit", token: await issueFormToken(secret, issued) }),
    );
    return [
      { name: "npm start until / is served", p50: ready, max: ready },
      { name: "POST /api/pledge, first request", p50: first, max: first },
      page,
      check,
      store,
    ];
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function npmStartTable(timings: NpmStartTiming[]): string {
  const baseline = timings.find((timing) => timing.name.startsWith("GET"));
  const ms = (value: number) => value.toFixed(0).padStart(9);
  const ratio = (value: number) => (baseline ? (value / baseline.p50).toFixed(1) : "-").padStart(11);
  return [
    `npm start, one request after another (${repeats} each after the first; 127.0.0.1)`,
    `${"".padEnd(40)}${"p50 ms".padStart(9)}${"max ms".padStart(9)}${"× static".padStart(11)}`,
    ...timings.map((t) => `${t.name.padEnd(40)}${ms(t.p50)}${ms(t.max)}${ratio(t.p50)}`),
  ].join("\n");
}
