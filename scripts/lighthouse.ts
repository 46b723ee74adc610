/**
 * npm run test:lighthouse: Lighthouse on the key pages of the built site, served as Netlify would
 * (with dist/_headers). Fails when any category of any page scores under LIGHTHOUSE_MIN (95).
 */
import pledgeFunction from "../netlify/functions/pledge.ts";
import { startBuiltSiteServer } from "./lib/built-site-server.ts";
import { categories, keyPages, lighthouse } from "./lib/lighthouse.ts";

const minimum = Number(process.env.LIGHTHOUSE_MIN ?? 95);

const server = await startBuiltSiteServer({ functions: { "/api/pledge": pledgeFunction } });
let failed = false;
try {
  console.log(`${"page".padEnd(28)}${categories.map((name) => name.padStart(16)).join("")}`);
  for (const path of keyPages) {
    const scores = await lighthouse(`${server.origin}${path}`);
    console.log(`${path.padEnd(28)}${categories.map((name) => String(scores[name]).padStart(16)).join("")}`);
    if (categories.some((name) => scores[name] < minimum)) failed = true;
  }
} finally {
  await server.close();
}
if (failed) {
  console.error(`A score is under ${minimum}.`);
  process.exit(1);
}
console.log(`Every score is ${minimum} or more.`);
