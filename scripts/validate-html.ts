/**
 * npm run test:html — every built page through the Nu HTML Checker (the W3C validator, from the
 * vnu-jar package, run with Java). Any error fails; warnings are listed and pass. Checks dist/,
 * or the folder given: `npm run test:html -- /tmp/site`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const vnuJar = fileURLToPath(import.meta.resolve("vnu-jar/build/dist/vnu.jar"));

interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: "warning" | "fatal";
  url?: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

const root = resolve(process.argv[2] ?? "dist");
const pages = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();
if (pages.length === 0) {
  console.error(`No HTML pages in ${root}: build the site first (npm run build).`);
  process.exit(1);
}

const java = spawnSync("java", ["-version"], { encoding: "utf8" });
if (java.error || java.status !== 0) {
  console.error("The Nu HTML Checker needs Java: install it, e.g. apt-get install default-jre-headless.");
  process.exit(1);
}

// All pages in one run: the checker starts once (a few seconds) rather than once a page.
const run = spawnSync("java", ["-Xss4m", "-jar", vnuJar, "--format", "json", "--exit-zero-always", ...pages], {
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});
if (run.error) throw run.error;
let messages: VnuMessage[];
try {
  messages = (JSON.parse(run.stderr) as { messages: VnuMessage[] }).messages;
} catch {
  console.error(`The Nu HTML Checker did not answer with its report:\n${run.stderr}${run.stdout}`);
  process.exit(1);
}

const where = (message: VnuMessage) => {
  const file = message.url ? relative(root, new URL(message.url).pathname) : "?";
  return `${file}${message.lastLine ? `:${message.lastLine}` : ""}`;
};
const errors = messages.filter((message) => message.type !== "info");
const warnings = messages.filter((message) => message.type === "info" && message.subType === "warning");

for (const warning of warnings) console.warn(`warning ${where(warning)}: ${warning.message}`);
for (const error of errors) console.error(`error ${where(error)}: ${error.message}`);
console.log(`${pages.length} pages checked: ${errors.length} errors, ${warnings.length} warnings`);
process.exit(errors.length === 0 ? 0 : 1);
