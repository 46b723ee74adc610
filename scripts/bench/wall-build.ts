/**
 * What a growing signatory wall costs the build: for each wall size (0, 1,000, 10,000 and 50,000
 * public signatories unless BENCH_WALL_SIZES says otherwise), seed a fresh embedded database with
 * 18 months of history (approvals, check-ins, evidence, lapses and withdrawals, so the levels,
 * badges, commitments and the impact page are built from real rows), build the
 * site from it into a fresh folder, and measure build time, peak memory, dist/ size and the
 * heaviest wall page. Each size has its own temporary database, output and cache folders (under
 * node_modules/.cache/), so the shared .data/ and dist/ are never touched and nothing is left
 * behind.
 *
 * Run alone with `node scripts/bench/wall-build.ts`; `npm run bench` runs it after the rest.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { budgets, pageWeight } from "../lib/page-weight.ts";

const execFileAsync = promisify(execFile);

/**
 * The heap limits `npm run build` gives the build (package.json), so the benchmark measures the
 * build as it runs: without them, V8 lets the heap grow with garbage it has not yet collected.
 * The young generation's small semi-spaces matter as much as the old one's limit: at 10,000
 * signatories the default ones held about 130 MB more at the build's peak.
 */
const buildNodeFlags =
  (
    JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: { build: string } }
  ).scripts.build.match(/--max-(old|semi)-space-size=\d+/g) ?? [];

/** Runs a node script; when it fails, says which and shows the end of what it printed. */
async function run(
  script: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  nodeFlags: string[] = [],
) {
  try {
    return await execFileAsync(process.execPath, [...nodeFlags, script, ...args], {
      ...options,
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    throw new Error(`${script} ${args.join(" ")} failed:\n${stderr.split("\n").slice(-25).join("\n")}`);
  }
}
const root = fileURLToPath(new URL("../../", import.meta.url));
const measuredBuild = fileURLToPath(new URL("./measured-build.ts", import.meta.url));
const scratchParent = join(root, "node_modules", ".cache");

/** 10,000 signatories may add at most this much to the build on this project's 2-core machines. */
export const addedSecondsBudget = 60;
/** Up to 10,000 signatories the build (its processes together) stays under 1 GB at its peak. */
export const peakBytesBudget = 1024 ** 3;
export const defaultWallSizes = [0, 1_000, 10_000, 50_000];

export interface WallBuildMeasurement {
  signatories: number;
  seedSeconds: number;
  buildSeconds: number;
  peakBytes: number;
  files: number;
  bytes: number;
  gzipBytes: number;
  wallPages: number;
  /** The wall page with the most HTML + CSS, gzipped as the page-weight budget counts it. */
  heaviest: { url: string; gzip: number; brotli: number };
}

/** BENCH_WALL_SIZES=0,1000 for a quick run; an empty value skips the wall build. */
export function wallSizesFrom(value: string | undefined): number[] {
  if (value === undefined) return defaultWallSizes;
  const sizes = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 0)) {
    throw new Error(`BENCH_WALL_SIZES must be whole numbers separated by commas, not "${value}"`);
  }
  return sizes;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const urlOf = (dist: string, file: string) => {
  const path = `/${relative(dist, file).split(sep).join("/")}`;
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
};

const isWallPage = (url: string) =>
  url.endsWith("/") && (url.startsWith("/signatories/") || url.startsWith("/signatory/") || url === "/progress/");

async function measureDist(dist: string) {
  const files = await filesUnder(dist);
  const gzipped = new Map<string, number>();
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = await readFile(file);
    const gzip = gzipSync(content, { level: 9 }).length;
    bytes += content.length;
    gzipBytes += gzip;
    gzipped.set(file, gzip);
  }
  // Every wall page is weighed, not a sample: the heaviest is the one the budget is about.
  const stylesheetsOf = (html: string) =>
    [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map(
      (link) => /\bhref="([^"?]+)/.exec(link[0])?.[1] ?? "",
    );
  let wallPages = 0;
  let heaviest = { url: "", file: "", gzip: -1 };
  for (const file of files) {
    const url = urlOf(dist, file);
    if (!isWallPage(url)) continue;
    wallPages += 1;
    const html = await readFile(file, "utf8");
    const css = stylesheetsOf(html).reduce((sum, href) => sum + (gzipped.get(join(dist, href)) ?? 0), 0);
    const gzip = (gzipped.get(file) ?? 0) + css;
    if (gzip > heaviest.gzip) heaviest = { url, file, gzip };
  }
  const weight = heaviest.file ? pageWeight(dist, heaviest.url, heaviest.file) : undefined;
  return {
    files: files.length,
    bytes,
    gzipBytes,
    wallPages,
    heaviest: {
      url: heaviest.url,
      gzip: weight ? weight.html.gzip + weight.css.gzip : 0,
      brotli: weight ? weight.html.brotli + weight.css.brotli : 0,
    },
  };
}

async function measureSize(signatories: number): Promise<WallBuildMeasurement> {
  // Inside the project, as measured-build.ts requires; node_modules/.cache is never committed.
  await mkdir(scratchParent, { recursive: true });
  const scratch = await mkdtemp(join(scratchParent, `bench-wall-${signatories}-`));
  try {
    // Empty values count as unset: the build and the seed both read this embedded database.
    const env = {
      ...process.env,
      PGLITE_DATA_DIR: join(scratch, "pglite"),
      SUPABASE_URL: "",
      DATABASE_URL: "",
    };
    const options = { cwd: root, env };
    let started = performance.now();
    await run("scripts/seed.ts", ["--count", String(signatories), "--all-public", "--history"], options);
    const seedSeconds = (performance.now() - started) / 1000;
    const dist = join(scratch, "dist");
    started = performance.now();
    const { stdout } = await run(measuredBuild, [dist, join(scratch, "cache")], options, buildNodeFlags);
    const buildSeconds = (performance.now() - started) / 1000;
    const { peakBytes } = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { peakBytes: number };
    return { signatories, seedSeconds, buildSeconds, peakBytes, ...(await measureDist(dist)) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One size after another: two builds at once on two cores would measure each other. */
export async function benchWallBuild(sizes: number[]): Promise<WallBuildMeasurement[]> {
  const measurements: WallBuildMeasurement[] = [];
  for (const size of sizes) measurements.push(await measureSize(size));
  return measurements;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Whether a measurement keeps to the targets: the time target is set for 10,000 signatories. */
export function overBudget(m: WallBuildMeasurement, baseline: WallBuildMeasurement): string[] {
  const over: string[] = [];
  if (m.heaviest.gzip >= budgets.pageBytes) {
    over.push(`${m.heaviest.url} is ${kb(m.heaviest.gzip)} KB compressed (budget ${kb(budgets.pageBytes)} KB)`);
  }
  const added = m.buildSeconds - baseline.buildSeconds;
  if (m.signatories <= 10_000 && added > addedSecondsBudget) {
    over.push(`${m.signatories} signatories add ${added.toFixed(1)} s to the build (budget ${addedSecondsBudget} s)`);
  }
  if (m.signatories <= 10_000 && m.peakBytes >= peakBytesBudget) {
    over.push(
      `${m.signatories} signatories take the build to ${mb(m.peakBytes)} MB (budget ${mb(peakBytesBudget)} MB)`,
    );
  }
  return over;
}

export function wallBuildTable(measurements: WallBuildMeasurement[]): string {
  const [baseline] = measurements;
  if (!baseline) return "";
  const column = (text: string, width = 10) => text.padStart(width);
  const lines = [
    `Wall build: the site built with N public signatories and their history seeded, ratios to ${baseline.signatories} in this run`,
    `${"signatories".padEnd(12)}${column("seed s", 8)}${column("build s", 9)}${column("peak MB", 9)}${column("files", 8)}${column("dist MB")}${column("gzip MB", 9)}${column("× build", 9)}${column("× files", 9)}${column("× bytes", 9)}${column("× gzip", 8)}  heaviest wall page, HTML+CSS KB gzip/br`,
  ];
  for (const m of measurements) {
    lines.push(
      `${m.signatories.toLocaleString("en-GB").padEnd(12)}${column(m.seedSeconds.toFixed(1), 8)}${column(m.buildSeconds.toFixed(1), 9)}${column(mb(m.peakBytes), 9)}${column(String(m.files), 8)}${column(mb(m.bytes))}${column(mb(m.gzipBytes), 9)}${column((m.buildSeconds / baseline.buildSeconds).toFixed(2), 9)}${column((m.files / baseline.files).toFixed(2), 9)}${column((m.bytes / baseline.bytes).toFixed(2), 9)}${column((m.gzipBytes / baseline.gzipBytes).toFixed(2), 8)}  ${kb(m.heaviest.gzip)}/${kb(m.heaviest.brotli)} ${m.heaviest.url} (of ${m.wallPages})`,
    );
  }
  for (const m of measurements) for (const reason of overBudget(m, baseline)) lines.push(`OVER BUDGET: ${reason}`);
  return lines.join("\n");
}

export function wallBuildRatios(measurements: WallBuildMeasurement[]): string {
  const [baseline, ...rest] = measurements;
  if (!baseline || rest.length === 0) return "";
  return `Ratios to the ${baseline.signatories}-signatory build, last: ${rest
    .map(
      (m) =>
        `${m.signatories.toLocaleString("en-GB")} ${(m.buildSeconds / baseline.buildSeconds).toFixed(2)} × build time (+${(m.buildSeconds - baseline.buildSeconds).toFixed(1)} s), ${(m.peakBytes / baseline.peakBytes).toFixed(2)} × peak memory, ${(m.gzipBytes / baseline.gzipBytes).toFixed(2)} × dist gzip`,
    )
    .join("; ")}.`;
}

/**
 * Whether the build grows no faster than the wall: what each signatory adds to the empty
 * build's time and peak memory, at each size. Linear growth keeps these flat from one size to
 * the next; a size whose cost per signatory is well above the size before grows faster.
 */
export function wallBuildGrowth(measurements: WallBuildMeasurement[]): string {
  const [baseline, ...rest] = measurements;
  if (!baseline) return "";
  const sized = rest.filter((m) => m.signatories > baseline.signatories);
  if (sized.length === 0) return "";
  const times = (now: number, then: number) => (then > 0 && now > 0 ? `${(now / then).toFixed(2)} ×` : "n/a");
  const lines = [
    `Growth above the ${baseline.signatories}-signatory build, per signatory (× the size before, for a wall × the size before):`,
  ];
  let before: { signatories: number; seconds: number; bytes: number } | undefined;
  for (const m of sized) {
    const count = m.signatories - baseline.signatories;
    const seconds = (m.buildSeconds - baseline.buildSeconds) / count;
    const bytes = (m.peakBytes - baseline.peakBytes) / count;
    const since = before
      ? ` (${times(seconds, before.seconds)} time, ${times(bytes, before.bytes)} memory, wall ${(m.signatories / before.signatories).toFixed(1)} ×)`
      : "";
    lines.push(
      `  ${m.signatories.toLocaleString("en-GB")}: ${(seconds * 1000).toFixed(2)} ms and ${(bytes / 1024).toFixed(1)} KB of peak memory a signatory${since}`,
    );
    before = { signatories: m.signatories, seconds, bytes };
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const measurements = await benchWallBuild(wallSizesFrom(process.env.BENCH_WALL_SIZES));
  console.log(wallBuildTable(measurements));
  console.log(`\n${wallBuildRatios(measurements)}`);
  console.log(wallBuildGrowth(measurements));
  const [baseline] = measurements;
  if (baseline && measurements.some((m) => overBudget(m, baseline).length > 0)) process.exitCode = 1;
}
