/**
 * npm run bench: every benchmark, measured in one run, printed as tables with each result as a
 * ratio to its baseline from the same run. Needs a built site (npm run build); measures real
 * PostgreSQL too when one is reachable (DATABASE_URL, or postgres:postgres on 127.0.0.1:5432).
 * Then the pledge path through `npm start` itself, one request after another as a person sends them.
 * Then each function bundle as deployed: its size, and its import and first request in a fresh process.
 * Last, the build itself with 0, 1,000, 10,000 and 50,000 signatories on the wall (BENCH_WALL_SIZES),
 * which builds into temporary folders and leaves dist/ as it was.
 */
import { benchFunctionBundles, functionBundlesTable } from "./function-bundles.ts";
import { benchNpmStart, npmStartTable } from "./npm-start-path.ts";
import { benchPledgePath, connections } from "./pledge-path.ts";
import { siteQuality } from "./site-quality.ts";
import {
  benchWallBuild,
  overBudget,
  wallBuildGrowth,
  wallBuildRatios,
  wallBuildTable,
  wallSizesFrom,
} from "./wall-build.ts";

const format = (value: number, digits = 1) => value.toFixed(digits).padStart(9);

console.log(await siteQuality());

const { measurements, counts, notes } = await benchPledgePath();
const [baseline] = measurements;
if (!baseline) throw new Error("no baseline measured");

console.log(`\nPledge path (${process.env.BENCH_SECONDS ?? 5} s each, ${connections} concurrent clients, 127.0.0.1)`);
console.log(
  `${"".padEnd(40)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"non-2xx".padStart(9)}${"× req/s".padStart(9)}${"× p99".padStart(9)}`,
);
for (const m of measurements) {
  console.log(
    `${m.name.padEnd(40)}${format(m.rps)}${format(m.p50)}${format(m.p99)}${String(m.non2xx).padStart(9)}${format(m.rps / baseline.rps, 3)}${format(m.p99 / baseline.p99, 2)}`,
  );
}
for (const note of notes) console.log(note);

console.log("\nCount check: pledges acknowledged (201) and rows stored, per database");
let consistent = true;
for (const c of counts) {
  // A request cut off when the run stopped may be stored without its answer being counted.
  const ok = c.stored >= c.acknowledged && c.stored <= c.started;
  consistent &&= ok;
  console.log(
    `${c.database.padEnd(20)} acknowledged ${c.acknowledged}, stored ${c.stored}, sent ${c.started}: ${ok ? "none lost, none doubled" : "MISMATCH"}`,
  );
}
if (!consistent) process.exitCode = 1;

console.log(`\n${npmStartTable(await benchNpmStart())}`);

console.log(`\n${functionBundlesTable(await benchFunctionBundles())}`);

const wallBuilds = await benchWallBuild(wallSizesFrom(process.env.BENCH_WALL_SIZES));
const [wallBaseline] = wallBuilds;
if (wallBaseline) {
  console.log(`\n${wallBuildTable(wallBuilds)}`);
  if (wallBuilds.some((m) => overBudget(m, wallBaseline).length > 0)) process.exitCode = 1;
}

const ratios = measurements
  .slice(2)
  .map(
    (m) =>
      `${m.name.replace("POST /api/pledge, ", "")} ${(m.rps / baseline.rps).toFixed(3)} × req/s, ${(m.p99 / baseline.p99).toFixed(2)} × p99`,
  )
  .join("; ");
console.log(`\nRatios to the static page, last: ${ratios}.`);
const wallRatios = wallBuildRatios(wallBuilds);
if (wallRatios) console.log(wallRatios);
const wallGrowth = wallBuildGrowth(wallBuilds);
if (wallGrowth) console.log(wallGrowth);
