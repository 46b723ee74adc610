/**
 * Builds the site once, in its own process, so the benchmark can read that process's peak
 * memory: Node reports a process's own maximum resident set size, never a child's. The build
 * reads the wall in a child process (src/wall/wall-snapshot-process.ts), so on Linux this also
 * adds up the resident sets of the build and its child processes (/proc) every 20 ms: the peak
 * reported is the larger of the build's own peak and the highest total seen, what the machine
 * held at once (a spike shorter than 20 ms in a child can be missed). Usage:
 * node scripts/bench/measured-build.ts <outDir> <cacheDir>. The last line on stdout is JSON.
 *
 * Builds run at the same time on one checkout must not share folders: Astro keeps the content
 * layer's data store in the cache folder, and writes its prerender chunks to the working
 * directory's .astro/ when outDir lies outside the working directory. So the cache folder is
 * the build's own and outDir must lie inside the project (the chunks then go inside outDir,
 * where they can still import from node_modules/).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";

const [outDir, cacheDir] = process.argv.slice(2).map((path) => resolve(path));
if (!outDir || !cacheDir || !outDir.startsWith(process.cwd())) {
  console.error("usage: node scripts/bench/measured-build.ts <outDir> <cacheDir>, with outDir inside the project");
  process.exit(2);
}

/** The highest resident set of the build and its child processes together, and of any one child. */
let treePeak = 0;
let childPeak = 0;
const readProc = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
};
const kilobytesOf = (status: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
function watchChildren() {
  const children = readProc(`/proc/${process.pid}/task/${process.pid}/children`).split(" ").filter(Boolean);
  let total = process.memoryUsage.rss();
  for (const pid of children) {
    const status = readProc(`/proc/${pid}/status`);
    total += kilobytesOf(status, "VmRSS");
    childPeak = Math.max(childPeak, kilobytesOf(status, "VmHWM"));
  }
  treePeak = Math.max(treePeak, total);
}
const watching = setInterval(watchChildren, 20);

const root = fileURLToPath(new URL("../../", import.meta.url));
const started = performance.now();
await build({ root, outDir, cacheDir, logLevel: "warn" });
const seconds = (performance.now() - started) / 1000;
clearInterval(watching);
// maxRSS is in kilobytes.
const ownPeakBytes = process.resourceUsage().maxRSS * 1024;
const peakBytes = Math.max(ownPeakBytes, treePeak);
console.log(JSON.stringify({ seconds, peakBytes, ownPeakBytes, childPeakBytes: childPeak }));
process.exit();
