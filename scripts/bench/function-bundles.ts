/**
 * Each function as Netlify deploys it: bundled by @netlify/zip-it-and-ship-it with netlify.toml's
 * [functions] settings into a temporary folder, unzipped, then loaded in a fresh `node` process
 * (function-bundle-child.ts), timing the import and a first request through the handler: the
 * pledge function's check step (a JSON post that touches no database) and a GET of a withdrawal
 * link, a manage link and a check-in link, whose page shell comes from a small server of the built
 * page, and the officers' console's server function, when the site is built, with its sign-in
 * page. Scheduled functions are timed on import only, as no database is reachable here. Each is
 * printed in ms and as a ratio to a baseline from the same run: a fresh process importing an
 * empty module. The goal is at most 1 MB zipped and 300 ms.
 * Usage: node scripts/bench/function-bundles.ts (or as part of npm run bench)
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { zipFunctions } from "@netlify/zip-it-and-ship-it";
import { distDir } from "../lib/built-site-server.ts";
import { functionModuleIn } from "../lib/function-entry.ts";
import { netlifyFunctionsConfig } from "../lib/netlify-functions-config.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const child = fileURLToPath(new URL("./function-bundle-child.ts", import.meta.url));
const goalMs = 300;
const goalBytes = 1024 * 1024;

export interface BundleMeasurement {
  name: string;
  zippedBytes: number;
  importMs: number;
  requestMs: number | undefined;
  status: number | undefined;
  /** Wall-clock time of the whole fresh process, start to exit. */
  processMs: number;
}

export interface BundleBench {
  baseline: { importMs: number; processMs: number };
  measurements: BundleMeasurement[];
}

interface ChildResult {
  importMs: number;
  requestMs?: number;
  status?: number;
}

async function inFreshProcess(args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult & { processMs: number }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [child, ...args], { env, cwd: tmpdir() });
  const processMs = performance.now() - started;
  const last = stdout.trim().split("\n").at(-1) ?? "{}";
  return { ...(JSON.parse(last) as ChildResult), processMs };
}

/** The median of a few runs, so one slow start does not decide the figure. */
async function median(times: number, measure: () => Promise<ChildResult & { processMs: number }>) {
  const runs: (ChildResult & { processMs: number })[] = [];
  for (let index = 0; index < times; index++) runs.push(await measure());
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const requestTimes = runs.flatMap((r) => (r.requestMs === undefined ? [] : [r.requestMs]));
  return {
    importMs: middle(runs.map((r) => r.importMs)),
    requestMs: requestTimes.length > 0 ? middle(requestTimes) : undefined,
    status: runs[0]?.status,
    processMs: middle(runs.map((r) => r.processMs)),
  };
}

function firstRequests(origin: string): Record<string, object> {
  const pledge = {
    kind: "business",
    name: "Fairlands Bakery",
    ward: "old-town",
    website: "www.fairlands-bakery.example",
    actions: ["buying-locally", "work-placements"],
    commitment: "We will buy our flour from a mill in Hertfordshire.",
    contactName: "Sam Baker",
    email: "sam.baker@example.com",
    listing: "organisation-name",
    privacy: "yes",
    intent: "check",
  };
  return {
    pledge: {
      url: `${origin}/api/pledge`,
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify(pledge),
    },
    withdraw: { url: `${origin}/api/withdraw?pledge=SC-7K3M9QAB&key=not-a-key`, method: "GET" },
    manage: { url: `${origin}/api/manage?ref=SC-7K3M9QAB&key=not-a-key`, method: "GET" },
    "check-in": { url: `${origin}/api/check-in?ref=SC-7K3M9QAB&key=not-a-key`, method: "GET" },
    ssr: { url: `${origin}/officer/sign-in/`, method: "GET" },
  };
}

export async function benchFunctionBundles(repeats = Number(process.env.BENCH_BUNDLE_RUNS ?? 5)): Promise<BundleBench> {
  const scratch = await mkdtemp(join(tmpdir(), "function-bundles-"));
  // The withdrawal page's shell, as the deployed function fetches it from the site.
  const shell = await readFile(join(distDir, "pledge/withdraw/index.html"), "utf8").catch(
    () => "<!doctype html><html><body><main></main></body></html>",
  );
  const site = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(shell);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  try {
    // The console's server function is in the folder the build leaves for Netlify, as a deploy zips it.
    const frameworkFunctions = join(root, ".netlify/v1/functions");
    const folders = [
      ...(existsSync(join(frameworkFunctions, "ssr")) ? [frameworkFunctions] : []),
      join(root, "netlify/functions"),
    ];
    const bundled = await zipFunctions(folders, join(scratch, "zips"), {
      basePath: root,
      config: await netlifyFunctionsConfig(root),
    });
    const empty = join(scratch, "empty.mjs");
    await writeFile(empty, "export {};\n");
    // Settings as a deployed function has them; the database address answers nothing, and only
    // the scheduled functions, timed on import alone, would need it.
    const env = {
      PATH: process.env.PATH,
      DATABASE_URL: "postgresql://bench@127.0.0.1:9/none",
      PLEDGE_TOKEN_SECRET: "bench-secret-not-for-use",
      SITE_URL: origin,
      OUTBOX_DIR: join(scratch, "outbox"),
      PLEDGE_QUEUE_DIR: join(scratch, "queue"),
    };
    const baseline = await median(repeats, () => inFreshProcess(["baseline", empty], env));
    const requests = firstRequests(origin);
    const measurements: BundleMeasurement[] = [];
    for (const fn of bundled.sort((a, b) => a.name.localeCompare(b.name))) {
      const folder = join(scratch, "unzipped", fn.name);
      await mkdir(folder, { recursive: true });
      await run("unzip", ["-q", fn.path, "-d", folder]);
      const request = requests[fn.name];
      const module = await functionModuleIn(folder, fn.entryFilename);
      if (!module) throw new Error(`${fn.name}: its entry point, ${fn.entryFilename}, names no function to load`);
      const args = request ? [folder, module, JSON.stringify(request)] : [folder, module];
      measurements.push({
        name: fn.name,
        zippedBytes: (await stat(fn.path)).size,
        ...(await median(repeats, () => inFreshProcess(args, env))),
      });
    }
    return { baseline: { importMs: baseline.importMs, processMs: baseline.processMs }, measurements };
  } finally {
    site.closeAllConnections();
    site.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

const pad = (value: string, width = 11) => value.padStart(width);

export function functionBundlesTable({ baseline, measurements }: BundleBench): string {
  const lines = [
    `Function bundles as deployed: zipped size, and in a fresh node process the import (bootstrap and function) plus a first request (median of ${process.env.BENCH_BUNDLE_RUNS ?? 5}); goal ≤ 1 MB, ≤ ${goalMs} ms`,
    `${"".padEnd(24)}${pad("MB zipped")}${pad("import ms")}${pad("request ms")}${pad("total ms")}${pad("process ms")}${pad("× process")}  first request`,
    `${"baseline (empty module)".padEnd(24)}${pad("")}${pad(baseline.importMs.toFixed(1))}${pad("")}${pad(baseline.importMs.toFixed(1))}${pad(baseline.processMs.toFixed(0))}${pad("1.00")}`,
  ];
  for (const m of measurements) {
    const total = m.importMs + (m.requestMs ?? 0);
    const over = [m.zippedBytes > goalBytes ? "over 1 MB" : "", total > goalMs ? `over ${goalMs} ms` : ""].filter(
      Boolean,
    );
    lines.push(
      `${m.name.padEnd(24)}${pad((m.zippedBytes / goalBytes).toFixed(2))}${pad(m.importMs.toFixed(1))}${pad(m.requestMs === undefined ? "—" : m.requestMs.toFixed(1))}${pad(total.toFixed(1))}${pad(m.processMs.toFixed(0))}${pad((m.processMs / baseline.processMs).toFixed(2))}  ${m.requestMs === undefined ? "none: import only, no database here" : `answered ${m.status}`}${over.length > 0 ? `  (${over.join(", ")})` : ""}`,
    );
  }
  return lines.join("\n");
}

if (import.meta.main) console.log(functionBundlesTable(await benchFunctionBundles()));
