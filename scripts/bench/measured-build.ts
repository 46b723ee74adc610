/**
 * Builds the site once, in its own process, so the benchmark can read that process's peak
 * memory: Node reports a process's own maximum resident set size, never a child's. Usage:
 * node scripts/bench/measured-build.ts <outDir> <cacheDir>. The last line on stdout is JSON.
 *
 * Builds run at the same time on one checkout must not share folders: Astro keeps the content
 * layer's data store in the cache folder, and writes its prerender chunks to the working
 * directory's .astro/ when outDir lies outside the working directory. So the cache folder is
 * the build's own and outDir must lie inside the project (the chunks then go inside outDir,
 * where they can still import from node_modules/).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";

const [outDir, cacheDir] = process.argv.slice(2).map((path) => resolve(path));
if (!outDir || !cacheDir || !outDir.startsWith(process.cwd())) {
  console.error("usage: node scripts/bench/measured-build.ts <outDir> <cacheDir>, with outDir inside the project");
  process.exit(2);
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const started = performance.now();
await build({ root, outDir, cacheDir, logLevel: "warn" });
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kilobytes.
console.log(JSON.stringify({ seconds, peakBytes: process.resourceUsage().maxRSS * 1024 }));
process.exit();
