/**
 * npm run test:bundle: bundles the functions with @netlify/zip-it-and-ship-it, the bundler Netlify
 * itself uses, to prove they deploy: netlify/functions/ and the officers' console's server function,
 * which the Netlify adapter writes to .netlify/v1/functions/ssr/ when the site is built; then
 * searches the bundles and dist/ for secrets. SUPABASE_SERVICE_ROLE_KEY, PLEDGE_TOKEN_SECRET,
 * NETLIFY_BUILD_HOOK_URL and NOTIFY_API_KEY, when set (CI sets canary values for the build and the
 * bundling), must appear nowhere, and neither may anything shaped like a JWT, the form Supabase keys
 * take. Nor may a bundle hold anything local (lib/local-data-scan.ts): a file from .data/, an .eml,
 * or a contact address the local database or outbox knows, as a deploy from a working checkout
 * would ship it. And no bundle may pass its bound (zippedBound), so what a function carries cannot
 * creep back up. The bundles are made with netlify.toml's [functions] settings, as a deploy makes
 * them, and each must load on its own, from a copy outside the repository: netlify.toml and
 * astro.config.mjs leave files out, and a bundle missing one it imports would otherwise first fail
 * when deployed.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { zipFunctions } from "@netlify/zip-it-and-ship-it";
import { readConfig } from "../src/config.ts";
import { embeddedDataDir, embeddedOutboxDir } from "../src/local-data.ts";
import { functionModuleIn } from "./lib/function-entry.ts";
import { filesUnder, findLocalData, localContactEmails } from "./lib/local-data-scan.ts";
import { netlifyFunctionsConfig } from "./lib/netlify-functions-config.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const userFunctions = join(root, "netlify/functions");
// Netlify's build zips the functions a framework leaves in .netlify/v1/functions in the same call
// as the site's own: the Netlify adapter leaves the console's server function there as ssr.
const frameworkFunctions = join(root, ".netlify/v1/functions");
const consoleFunction = "ssr";
const out = join(root, ".netlify", "functions-bundle");
const unpacked = join(out, "unpacked");
const jwtShape = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;
/**
 * The most a function bundle may weigh, zipped: 1 MB (MiB, as mb() counts). Each of
 * netlify/functions is about 0.7 to 0.8 MB: Netlify's own bootstrap and telemetry are 0.32 MB of it
 * and zod's ES modules 0.24 MB, 0.1 MB of that its locales, which zod imports whether used or not.
 * Its CommonJS copies, which the file tracer would add for another 0.3 MB, netlify.toml leaves out.
 */
const maxZippedBytes = 1024 * 1024;
/**
 * The console's server function may weigh 1.1 MB zipped: it is 1.05 MB, and no safe way takes it
 * under 1 MB. Besides Netlify's 0.32 MB and zod's 0.24 MB it carries Astro's server build, 0.24 MB
 * (its runtime and a module for every page, the prerendered ones too), and PostgREST's client and
 * pg, 0.1 MB. Astro's sessions and zod's CommonJS copies are already left out (astro.config.mjs);
 * leaving out every other package's CommonJS copy and the pages' MDX sources would bring it to
 * 0.996 MB: under 1 MB only until the console's next page, and by a rule broad enough to take
 * the .cjs files a package truly needs along with the copies.
 */
const maxConsoleZippedBytes = Math.round(1.1 * 1024 * 1024);
const zippedBound = (name: string) => (name === consoleFunction ? maxConsoleZippedBytes : maxZippedBytes);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** A bundle's parts by zipped size, largest first: each package in node_modules counts as one. */
function heaviestParts(zip: string, count: number): string[] {
  const sizes = new Map<string, number>();
  for (const line of execFileSync("unzip", ["-Z", "-l", zip], { encoding: "utf8" }).split("\n")) {
    const entry = /^[-l]\S+\s+\S+\s+\S+\s+\d+\s+\S+\s+(?<zipped>\d+)\s+\S+\s+\S+\s+\S+\s+(?<path>.+)$/.exec(
      line,
    )?.groups;
    if (!entry?.zipped || !entry.path) continue;
    const inModules = /(?:^|\/)node_modules\/(?<name>(?:@[^/]+\/)?[^/]+)/.exec(entry.path)?.groups?.name;
    const part = inModules ?? entry.path.split("/").slice(0, 2).join("/");
    sizes.set(part, (sizes.get(part) ?? 0) + Number(entry.zipped));
  }
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([part, bytes]) => `  ${mb(bytes)} ${part}`);
}

const secrets = ["SUPABASE_SERVICE_ROLE_KEY", "PLEDGE_TOKEN_SECRET", "NETLIFY_BUILD_HOOK_URL", "NOTIFY_API_KEY"]
  .map((name) => [name, process.env[name]] as const)
  .filter((entry): entry is readonly [string, string] => Boolean(entry[1] && entry[1].length >= 12));

// Without a build there is no console function to bundle, and bundling without it would pass
// while checking only part of what a deploy ships. Any astro command but dev empties its folder:
// the adapter clears its output whenever it is set up, for astro check too.
const consoleFunctionFile = join(frameworkFunctions, consoleFunction, `${consoleFunction}.mjs`);
if (!existsSync(consoleFunctionFile)) {
  console.error(
    `The console's server function is missing (${relative(root, consoleFunctionFile)}): run \`npm run build\` first`,
  );
  process.exit(1);
}

await rm(out, { recursive: true, force: true });
const bundled = await zipFunctions([frameworkFunctions, userFunctions], out, {
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
  const bound = zippedBound(fn.name);
  console.log(`bundled ${fn.name} (${fn.runtime}, ${fn.bundler} bundler): ${files.length} files, ${mb(bytes)} zipped`);
  if (bytes > bound) {
    tooLarge.push(
      `${fn.name}: ${bytes} bytes zipped (${mb(bytes)}), more than ${bound} (${mb(bound)}); its heaviest parts, zipped:`,
      ...heaviestParts(fn.path, 8),
    );
  }
}
// Every function must come out as a bundle: one that silently fails to bundle would be missing from
// the deploy.
const expected = [...(await readdir(userFunctions)).map((file) => file.replace(/\.[cm]?[jt]s$/, "")), consoleFunction];
for (const name of expected) {
  if (!bundled.some((fn) => fn.name === name)) throw new Error(`the ${name} function was not bundled`);
}

// Each bundle loads its bootstrap and the function its entry point names, as Netlify's runtime
// does, in a fresh process, from a copy in a temporary folder: there no node_modules above it can
// supply what it lacks. It loads with no settings, which every function accepts until a request or
// a run needs one. The console's pages are imported only when first asked for, so every module of
// its server build is loaded as well: a page that imports a file the bundle lacks fails here too.
const unloadable: string[] = [];
const loadDir = await mkdtemp(join(tmpdir(), "function-bundles-"));
try {
  for (const fn of bundled) {
    const copy = join(loadDir, fn.name);
    await cp(join(unpacked, fn.name), copy, { recursive: true });
    const named = await functionModuleIn(copy, fn.entryFilename);
    if (!named) {
      unloadable.push(`${fn.name}: its entry point, ${fn.entryFilename}, names no function to load`);
      continue;
    }
    const serverBuild = join(copy, ".netlify", "build");
    const lazyModules =
      fn.name === consoleFunction ? (await filesUnder(serverBuild)).filter((file) => file.endsWith(".mjs")) : [];
    const load = [join(copy, "___netlify-bootstrap.mjs"), join(copy, named), ...lazyModules]
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
  `no secret found in the function bundles or dist/, nothing local in the bundles, each loads on its own, and none over its bound zipped`,
);
