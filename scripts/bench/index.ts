/**
 * npm run bench: every benchmark, measured in one run, printed as a table with each result as a
 * ratio to its baseline from the same run. Needs a built site (npm run build).
 */
import { benchPledgePath } from "./pledge-path.ts";
import { siteQuality } from "./site-quality.ts";

const format = (value: number, digits = 1) => value.toFixed(digits).padStart(9);

console.log(await siteQuality());

const { measurements, stored, acknowledged, started } = await benchPledgePath();
const [baseline] = measurements;
if (!baseline) throw new Error("no baseline measured");

console.log(
  `\nPledge path on the embedded database (${process.env.BENCH_SECONDS ?? 5} s each, ${process.env.BENCH_CONNECTIONS ?? 10} connections, 127.0.0.1)`,
);
console.log(
  `${"".padEnd(36)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"non-2xx".padStart(9)}${"× req/s".padStart(9)}${"× p99".padStart(9)}`,
);
for (const m of measurements) {
  console.log(
    `${m.name.padEnd(36)}${format(m.rps)}${format(m.p50)}${format(m.p99)}${String(m.non2xx).padStart(9)}${format(m.rps / baseline.rps, 3)}${format(m.p99 / baseline.p99, 2)}`,
  );
}
const consistent = stored >= acknowledged && stored <= started;
console.log(
  `\nPledges acknowledged ${acknowledged}, stored ${stored}, started ${started} (requests still in flight when the run stops may be stored without being counted as acknowledged): ${consistent ? "none lost, none doubled" : "MISMATCH"}.`,
);
if (!consistent) process.exitCode = 1;
const storing = measurements.at(-1);
console.log(
  `Ratio, last: storing a pledge runs at ${(storing ? storing.rps / baseline.rps : Number.NaN).toFixed(3)} × the static page's requests per second, with ${(storing ? storing.p99 / baseline.p99 : Number.NaN).toFixed(2)} × its p99 latency.`,
);
