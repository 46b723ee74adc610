/**
 * npm run test:bundle: bundles netlify/functions/ with @netlify/zip-it-and-ship-it, the bundler
 * Netlify itself uses, to prove the functions deploy; then searches the bundles and dist/ for
 * secrets. SUPABASE_SERVICE_ROLE_KEY, PLEDGE_TOKEN_SECRET, NETLIFY_BUILD_HOOK_URL and
 * NOTIFY_API_KEY, when set (CI sets canary values for the build and the bundling), must appear
 * nowhere, and neither may anything shaped like a JWT, the form Supabase keys take. Nor may a
 * bundle hold anything local (lib/local-data-scan.ts): a file from .data/, an .eml, or a contact
 * address the local database or outbox knows, as a deploy from a working checkout would ship it.
 * And no bundle may pass maxZippedBytes, so what a function carries cannot creep back up. The
 * bundles are made with netlify.toml's [functions] settings, as a deploy makes them, and each must
 * load on its own, from a copy outside the repository: netlify.toml leaves files out, and a bundle
 * missing one it imports would otherwise first fail when deployed.
 */
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { zipFunctions } from "@netlify/zip-it-and-ship-it";
import { readConfig } from "../src/config.ts";
import { embeddedDataDir, embeddedOutboxDir } from "../src/local-data.ts";
import { filesUnder, findLocalData, localContactEmails } from "./lib/local-data-scan.ts";
import { netlifyFunctionsConfig } from "./lib/netlify-functions-config.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, ".netlify", "functions-bundle");
const unpacked = join(out, "unpacked");
const jwtShape = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;
/**
 * The most a function bundle may weigh, zipped: 1 MB (MiB, as mb() counts). Each is about 0.7 to
 * 0.8 MB: Netlify's own bootstrap and telemetry are 0.32 MB of it and zod's ES modules 0.24 MB,
 * 0.1 MB of that its locales, which zod imports whether used or not. Its CommonJS copies, which the
 * file tracer would add for another 0.3 MB, netlify.toml leaves out.
 */
const maxZippedBytes = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const secrets = ["SUPABASE_SERVICE_ROLE_KEY", "PLEDGE_TOKEN_SECRET", "NETLIFY_BUILD_HOOK_URL", "NOTIFY_API_KEY"]
  .map((name) => [name, process.env[name]] as const)
  .filter((entry): entry is readonly [string, string] => Boolean(entry[1] && entry[1].length >= 12));

await rm(out, { recursive: true, force: true });
const bundled = await zipFunctions(join(root, "netlify/functions"), out, {
  basePath: root,
  config: await netlifyFunctionsConfig(root),
});
const tooLarge: string[] = [];
for (const fn of bundled) {
  const into = join(unpacked, fn.name);
  await mkdir(into, { recursive: true });
  execFileSync("unzip", ["-q", fn.path, "-d", into]);
  const files = await filesUnder(into);
  const bytes = (await stat(fn.path)).size;
  console.log(`bundled ${fn.name} (${fn.runtime}, ${fn.bundler} bundler): ${files.length} files, ${mb(bytes)} zipped`);
  if (bytes > maxZippedBytes) {
    tooLarge.push(
      `${fn.name}: ${bytes} bytes zipped (${mb(bytes)}), more than ${maxZippedBytes} (${mb(maxZippedBytes)})`,
    );
  }
}
// Every function in the folder must come out as a bundle: one that silently fails to bundle would
// be missing from the deploy.
const expected = (await readdir(join(root, "netlify/functions"))).map((file) => file.replace(/\.[cm]?[jt]s$/, ""));
for (const name of expected) {
  if (!bundled.some((fn) => fn.name === name)) throw new Error(`the ${name} function was not bundled`);
}

// Each bundle loads its bootstrap and its function as Netlify's runtime does, in a fresh process,
// from a copy in a temporary folder: there no node_modules above it can supply what it lacks. It
// loads with no settings, which every function accepts until a request or a run needs one.
const unloadable: string[] = [];
const loadDir = await mkdtemp(join(tmpdir(), "function-bundles-"));
try {
  for (const fn of bundled) {
    const copy = join(loadDir, fn.name);
    await cp(join(unpacked, fn.name), copy, { recursive: true });
    const functionFile = join(copy, relative(root, fn.mainFile)).replace(/\.[cm]?[jt]s$/, ".mjs");
    const load = [join(copy, "___netlify-bootstrap.mjs"), functionFile]
      .map((file) => `await import(${JSON.stringify(pathToFileURL(file).href)});`)
      .join(" ");
    try {
      execFileSync(process.execPath, ["--input-type=module", "--eval", `${load} process.exit(0);`], {
        cwd: copy,
        env: { PATH: process.env.PATH },
        stdio: "pipe",
        timeout: 60_000,
      });
    } catch (error) {
      const lines = String((error as { stderr?: Buffer }).stderr ?? error).split("\n");
      unloadable.push(
        `${fn.name}: does not load on its own: ${lines.find((line) => /Error\b/.test(line)) ?? lines[0]}`,
      );
    }
  }
} finally {
  await rm(loadDir, { recursive: true, force: true });
}
console.log(`loaded ${bundled.length - unloadable.length} of ${bundled.length} bundles on their own`);

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

const found = [...tooLarge, ...unloadable, ...leaks, ...local];
if (found.length > 0) {
  const shown = 40;
  console.error(found.slice(0, shown).join("\n"));
  if (found.length > shown) console.error(`… and ${found.length - shown} more`);
  process.exit(1);
}
console.log(
  `no secret found in the function bundles or dist/, nothing local in the bundles, each loads on its own, and none over ${mb(maxZippedBytes)} zipped`,
);
