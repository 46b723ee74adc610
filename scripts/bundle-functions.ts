/**
 * npm run test:bundle: bundles netlify/functions/ with @netlify/zip-it-and-ship-it, the bundler
 * Netlify itself uses, to prove the functions deploy; then searches the bundles and dist/ for
 * secrets. SUPABASE_SERVICE_ROLE_KEY, PLEDGE_TOKEN_SECRET, NETLIFY_BUILD_HOOK_URL and
 * NOTIFY_API_KEY, when set (CI sets canary values for the build and the bundling), must appear
 * nowhere, and neither may anything shaped like a JWT, the form Supabase keys take. Nor may a
 * bundle hold anything local (lib/local-data-scan.ts): a file from .data/, an .eml, or a contact
 * address the local database or outbox knows, as a deploy from a working checkout would ship it.
 * And no bundle may pass maxZippedBytes, so what a function carries cannot creep back up.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipFunctions } from "@netlify/zip-it-and-ship-it";
import { readConfig } from "../src/config.ts";
import { embeddedDataDir, embeddedOutboxDir } from "../src/local-data.ts";
import { filesUnder, findLocalData, localContactEmails } from "./lib/local-data-scan.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, ".netlify", "functions-bundle");
const unpacked = join(out, "unpacked");
const jwtShape = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;
/**
 * The most a function bundle may weigh, zipped. The aim is 1 MB; what stands between is fixed
 * for now: zod, 0.51 MB zipped, because every zod entry point re-exports its 129 locales and the
 * file tracer copies them all, and Netlify's own bootstrap and telemetry, 0.28 MB, leave about
 * 0.2 MB for the function's code, the pg driver, PostgREST's client and Blobs. Lower it as they shrink.
 */
const maxZippedBytes = 1.1 * 1024 * 1024;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const secrets = ["SUPABASE_SERVICE_ROLE_KEY", "PLEDGE_TOKEN_SECRET", "NETLIFY_BUILD_HOOK_URL", "NOTIFY_API_KEY"]
  .map((name) => [name, process.env[name]] as const)
  .filter((entry): entry is readonly [string, string] => Boolean(entry[1] && entry[1].length >= 12));

await rm(out, { recursive: true, force: true });
const bundled = await zipFunctions(join(root, "netlify/functions"), out, { basePath: root });
const tooLarge: string[] = [];
for (const fn of bundled) {
  const into = join(unpacked, fn.name);
  await mkdir(into, { recursive: true });
  execFileSync("unzip", ["-q", fn.path, "-d", into]);
  const files = await filesUnder(into);
  const bytes = (await stat(fn.path)).size;
  console.log(`bundled ${fn.name} (${fn.runtime}, ${fn.bundler} bundler): ${files.length} files, ${mb(bytes)} zipped`);
  if (bytes > maxZippedBytes) tooLarge.push(`${fn.name}: ${mb(bytes)} zipped, more than ${mb(maxZippedBytes)}`);
}
// Every function in the folder must come out as a bundle: one that silently fails to bundle would
// be missing from the deploy.
const expected = (await readdir(join(root, "netlify/functions"))).map((file) => file.replace(/\.[cm]?[jt]s$/, ""));
for (const name of expected) {
  if (!bundled.some((fn) => fn.name === name)) throw new Error(`the ${name} function was not bundled`);
}

const scanned = [...(await filesUnder(unpacked)), ...(await filesUnder(join(root, "dist")))];
const leaks: string[] = [];
for (const file of scanned) {
  const text = (await readFile(file)).toString("latin1");
  for (const [name, value] of secrets) if (text.includes(value)) leaks.push(`${file}: the value of ${name}`);
  if (jwtShape.test(text)) leaks.push(`${file}: a JWT-shaped string`);
}
console.log(`searched ${scanned.length} files for ${secrets.length} secret value(s) and JWT-shaped strings`);

// The default folders and any the settings name instead, whatever the e-mail settings say: a
// Notify key or another data folder does not empty the one a working checkout already holds.
const config = readConfig();
const councilInbox = (() => {
  try {
    return config.mail.councilInbox;
  } catch {
    return "council-inbox@localhost";
  }
})();
const contactEmails = await localContactEmails({
  dataDirs: [embeddedDataDir, config.localFolders.dataDir],
  outboxDirs: [embeddedOutboxDir, config.localFolders.outboxDir],
  councilInbox,
});
const local = await findLocalData(unpacked, contactEmails);
console.log(`searched the bundles for .data/ files, .eml files and ${contactEmails.length} local contact address(es)`);

const found = [...tooLarge, ...leaks, ...local];
if (found.length > 0) {
  const shown = 40;
  console.error(found.slice(0, shown).join("\n"));
  if (found.length > shown) console.error(`… and ${found.length - shown} more`);
  process.exit(1);
}
console.log(
  `no secret found in the function bundles or dist/, nothing local in the bundles, and none over ${mb(maxZippedBytes)} zipped`,
);
