/**
 * Page weights from dist/ and Lighthouse scores for the key pages, as one table: the numbers the
 * budgets and the quality checks hold the site to, measured in this run.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import pledgeFunction from "../../netlify/functions/pledge.ts";
import { distDir, startBuiltSiteServer } from "../lib/built-site-server.ts";
import { chromiumPath } from "../lib/chromium.ts";
import { categories, keyPages, lighthouse, type Scores } from "../lib/lighthouse.ts";
import { pageWeight } from "../lib/page-weight.ts";

export async function siteQuality(): Promise<string> {
  const scores = new Map<string, Scores>();
  if (existsSync(chromiumPath)) {
    const server = await startBuiltSiteServer({ functions: { "/api/pledge": pledgeFunction } });
    try {
      for (const path of keyPages) scores.set(path, await lighthouse(`${server.origin}${path}`));
    } finally {
      await server.close();
    }
  }
  const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(8);
  const lines = [
    `${"page".padEnd(26)}${"HTML br".padStart(8)}${"CSS br".padStart(8)}${"JS br".padStart(8)}${"JS gz".padStart(8)}${"HTML+CSS gz".padStart(12)}  Lighthouse perf/a11y/best/SEO`,
  ];
  for (const path of keyPages) {
    const weight = pageWeight(distDir, path, join(distDir, path, "index.html"));
    const score = scores.get(path);
    lines.push(
      `${path.padEnd(26)}${kb(weight.html.brotli)}${kb(weight.css.brotli)}${kb(weight.js.brotli)}${kb(weight.js.gzip)}${kb(weight.html.gzip + weight.css.gzip).padStart(12)}  ${
        score ? categories.map((name) => score[name]).join("/") : "not run (no Chromium)"
      }`,
    );
  }
  return `Page weight (KB, compressed) and Lighthouse scores\n${lines.join("\n")}`;
}
