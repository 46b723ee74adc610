/**
 * Lighthouse (the npm package) on pages of the built site, driving Debian's Chromium. Returns the
 * four category scores per page, 0–100.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { chromiumFlags, chromiumPath } from "./chromium.ts";

const run = promisify(execFile);
const cli = createRequire(import.meta.url).resolve("lighthouse/cli/index.js");
const chromeFlags = ["--headless=new", ...chromiumFlags].join(" ");

/** The pages Lighthouse and the weight table look at: home, the charter, an action, the form, the wall, the FAQ. */
export const keyPages = ["/", "/charter/", "/actions/buying-locally/", "/pledge/", "/signatories/", "/faq/"];

export const categories = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Scores = Record<(typeof categories)[number], number>;

/**
 * Lighthouse sometimes fails to record a trace ("NO_NAVSTART … run Lighthouse again"); such a
 * run has no scores, so it is run again, at most twice. A run that scores is never repeated.
 */
export async function lighthouse(url: string): Promise<Scores> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.error(`Lighthouse could not measure ${url} (attempt ${attempt}); running it again.`);
    }
  }
}

async function lighthouseOnce(url: string): Promise<Scores> {
  const { stdout } = await run(
    process.execPath,
    [
      cli,
      url,
      "--output=json",
      "--quiet",
      `--chrome-path=${chromiumPath}`,
      `--chrome-flags=${chromeFlags}`,
      `--only-categories=${categories.join(",")}`,
      "--form-factor=mobile",
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
  );
  const report = JSON.parse(stdout) as { categories: Record<string, { score: number | null }> };
  return Object.fromEntries(
    categories.map((name) => [name, Math.round((report.categories[name]?.score ?? 0) * 100)]),
  ) as Scores;
}
