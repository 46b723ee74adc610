/**
 * The layers of docs/layers.md, as a test: every import under src/, netlify/functions/ and
 * scripts/ is read and checked against rules that say which way a dependency may run. A rule
 * that fails says what to do instead, so the picture in the docs cannot drift from the code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { settingNames } from "../../src/config.ts";

const root = resolve(import.meta.dirname, "../..");

interface Import {
  /** The importing file, relative to the project root. */
  from: string;
  /** The imported file relative to the project root, or the package name as written. */
  to: string;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|astro|mjs)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => !file.endsWith("database.types.ts"));
}

// `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`; good enough for
// code the formatter has laid out, which never splits a specifier across lines.
const importPattern =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"'`;]*?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), "utf8");
  const found: Import[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[3] ?? match[4];
    if (!specifier) continue;
    const to = specifier.startsWith(".") ? relative(root, resolve(root, dirname(file), specifier)) : specifier;
    found.push({ from: file, to, typeOnly: Boolean(match[2]) });
  }
  return found;
}

const allImports = ["src", "netlify/functions", "scripts"].flatMap(sourceFiles).flatMap(importsOf);

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const oneOf =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
/** A package, a Node built-in or a virtual module such as astro:content, rather than a file of ours. */
const isPackage = (path: string) => !/^(src|netlify|scripts|tests|content|public|supabase)\/|^[\w.-]+\.\w+$/.test(path);

/** The storage adapters and their SQL: only the choosers pick one. */
const isStorageAdapter = (path: string) =>
  /^src\/storage\/(pglite-store|postgres-store|supabase-store|sql-[\w-]+|blobs-queue|folder-queue|embedded-database-server|migrations|choose-[\w-]+)\.ts$/.test(
    path,
  );

interface Rule {
  name: string;
  /** Which importing files the rule is about. */
  applies: (file: string) => boolean;
  /** True when the import breaks the rule. */
  breaks: (entry: Import) => boolean;
  instead: string;
  /**
   * Imports that break the rule today and cannot be fixed yet, each `from -> to`, with the reason.
   * An entry that no longer breaks the rule fails the test too, so the list only shrinks.
   */
  known?: Record<string, string>;
}

// Wiring a Netlify function may use: the HTTP edges, the configuration, the choosers that open
// the adapter it names, and the one service a scheduled function runs.
const functionWiring = (path: string) =>
  under("src/pledge-http")(path) ||
  oneOf(
    "src/config.ts",
    "src/storage/choose-store.ts",
    "src/storage/choose-queue.ts",
    "src/storage/choose-public-wall-reader.ts",
    "src/storage/rebuild-state-store.ts",
    "src/notify/choose-mailer.ts",
    "src/pledge/queue-drain.ts",
    "src/pledge/unconfirmed-pledges.ts",
    "src/notify/approval-notices.ts",
    "src/wall/rebuild-trigger.ts",
    "src/wall/deployed-site.ts",
    "src/wall/public-signatories.ts",
    "content/retention.json",
  )(path);

const rules: Rule[] = [
  {
    name: "a Netlify function imports only its wiring",
    applies: under("netlify/functions"),
    breaks: (entry) => !isPackage(entry.to) && !functionWiring(entry.to),
    instead:
      "keep the function a thin edge: put the logic in a service under src/ (pledge/, notify/, wall/) or src/pledge-http/, and choose adapters with a choose-* module; add the module to functionWiring only if it is wiring",
  },
  {
    name: "the pledge domain never imports an adapter, e-mail, the wall, HTTP or the environment",
    applies: under("src/pledge"),
    breaks: (entry) =>
      isStorageAdapter(entry.to) ||
      oneOf("src/storage/rebuild-state-store.ts")(entry.to) ||
      ["src/notify", "src/wall", "src/pledge-http", "src/pledge-form", "src/moderation"].some((folder) =>
        under(folder)(entry.to),
      ) ||
      oneOf("src/config.ts", "src/runtime-env.ts", "src/local-data.ts")(entry.to) ||
      /^node:(fs|fs\/promises|child_process|http|https)$/.test(entry.to),
    instead:
      "take what the domain needs as a parameter: depend on a port (an interface in src/pledge/ or the storage port src/storage/pledge-store.ts, pledge-queue.ts) and let src/pledge-http/ or a choose-* module pass in the adapter, settings and secrets",
  },
  {
    name: "the officers' domain never imports an adapter, e-mail, the wall, HTTP, the console's wiring or the environment",
    applies: under("src/officers"),
    breaks: (entry) =>
      isStorageAdapter(entry.to) ||
      ["src/notify", "src/wall", "src/pledge-http", "src/pledge-form", "src/officer-console", "src/pages"].some(
        (folder) => under(folder)(entry.to),
      ) ||
      oneOf("src/config.ts", "src/runtime-env.ts", "src/local-data.ts")(entry.to) ||
      /^node:(fs|fs\/promises|child_process|http|https)$/.test(entry.to),
    instead:
      "take what the officers' services need as parameters (ports: src/storage/officer-store.ts, the pledge domain's PledgeNotices), and wire them in src/officer-console/console-dependencies.ts",
  },
  {
    name: "the console opens storage only through choose-store and choose-queue, and never the embedded database",
    applies: (file) =>
      under("src/officer-console")(file) || under("src/pages/officer")(file) || file === "src/middleware.ts",
    breaks: (entry) =>
      (isStorageAdapter(entry.to) && !oneOf("src/storage/choose-store.ts", "src/storage/choose-queue.ts")(entry.to)) ||
      /^@electric-sql\//.test(entry.to),
    instead:
      "the console runs in the server function the Netlify adapter builds: open the database with src/storage/choose-store.ts and the queue with choose-queue.ts (Supabase or PostgreSQL; npm start serves the embedded database as DATABASE_URL)",
  },
  {
    name: "storage never imports e-mail, the wall, the pledge domain or HTTP",
    applies: under("src/storage"),
    breaks: (entry) =>
      [
        "src/notify",
        "src/wall",
        "src/pledge",
        "src/pledge-http",
        "src/pledge-form",
        "src/moderation",
        "src/officers",
        "src/officer-console",
      ].some((folder) => under(folder)(entry.to)),
    instead:
      "storage keeps and reads data only: define the port's types in src/storage/ and move logic that decides or tells people (a drain, a notice) to src/pledge/ or the layer that uses it, which may import the storage port",
  },
  {
    name: "the wall never imports HTTP handlers or storage adapters",
    applies: under("src/wall"),
    breaks: (entry) =>
      under("src/pledge-http")(entry.to) || under("src/pledge-form")(entry.to) || isStorageAdapter(entry.to),
    instead: "the wall reads through a port: take a reader as a parameter, and choose its adapter in a choose-* module",
  },
  {
    name: "pages of the pledge journey never import e-mail or storage adapters",
    applies: under("src/pledge-form"),
    breaks: (entry) => under("src/notify")(entry.to) || isStorageAdapter(entry.to),
    instead: "share words and fillers through a module both may use (src/fill-template.ts), not through src/notify/",
  },
  {
    name: "nothing under src/ imports functions, scripts or tests",
    applies: under("src"),
    breaks: (entry) => /^(netlify|scripts|tests)\//.test(entry.to),
    instead: "move what both need into src/, where functions and scripts import it from",
  },
  {
    name: "only the configuration reads the environment through runtime-env",
    applies: (file) => file !== "src/config.ts",
    breaks: (entry) => entry.to === "src/runtime-env.ts",
    instead:
      "read settings from src/config.ts (readConfig(), once, when the module loads) and pass what a module needs as a parameter; add a new setting to its schema",
  },
  {
    // Scripts may import the functions themselves: serving the built site runs the real handlers.
    name: "a script never imports a test",
    applies: under("scripts"),
    breaks: (entry) => under("tests")(entry.to),
    instead: "move what both need into src/ or scripts/lib/",
  },
];

const describeImport = (entry: Import) => `${entry.from} -> ${entry.to}`;

const sourceText = (file: string) => readFileSync(join(root, file), "utf8");

/** Every file a module reaches through its imports, dynamic ones included, as the bundler's tracer follows them. */
function reachedFrom(start: string): Set<string> {
  const reached = new Set<string>();
  const next = [start];
  for (let file = next.pop(); file !== undefined; file = next.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    for (const entry of allImports)
      if (entry.from === file && !entry.typeOnly && /\.(ts|mjs)$/.test(entry.to)) next.push(entry.to);
  }
  return reached;
}

describe("the layers", () => {
  it("finds the imports it checks, relative and type-only ones included", () => {
    expect(allImports.length).toBeGreaterThan(200);
    expect(allImports).toContainEqual({
      from: "netlify/functions/pledge.ts",
      to: "src/pledge-http/pledge-handler.ts",
      typeOnly: false,
    });
    expect(allImports.some((entry) => entry.typeOnly && entry.to.startsWith("src/storage/"))).toBe(true);
    expect(allImports.some((entry) => entry.from.endsWith(".astro"))).toBe(true);
  });

  it("only src/config.ts reads the environment", () => {
    const readers = ["src", "netlify/functions"]
      .flatMap(sourceFiles)
      .filter((file) => !["src/config.ts", "src/runtime-env.ts"].includes(file))
      // Reading a setting, not handing the whole environment on to a child process.
      .filter((file) => /\bprocess\.env(\.\w|\[)|\bNetlify\.env\b/.test(sourceText(file)));
    expect(
      readers,
      "Instead: read the setting from src/config.ts (readConfig()), adding it to the schema there if it is new",
    ).toEqual([]);
  });

  it("scripts read the site's settings through src/config.ts, keeping only their own flags", () => {
    expect(settingNames).toContain("DATABASE_URL");
    const names = settingNames.join("|");
    const direct = new RegExp(`process\\.env(\\.(${names})\\b|\\[["'](${names})["']\\])`);
    // Scanning for the secrets' own values needs their values, whichever adapters they choose.
    const known = ["scripts/bundle-functions.ts"];
    const readers = sourceFiles("scripts").filter((file) => !known.includes(file) && direct.test(sourceText(file)));
    expect(readers, "Instead: readConfig() from src/config.ts; a script's own flags (BENCH_…) may stay").toEqual([]);
  });

  it("no Netlify function reaches the embedded database, whose WebAssembly would be in its bundle", () => {
    const functions = sourceFiles("netlify/functions");
    expect(functions.length).toBeGreaterThan(0);
    const embedded =
      /^src\/storage\/(pglite-store|choose-any-[\w-]+|embedded-database-server|migrations)\.ts$|^@electric-sql\//;
    for (const fn of functions) {
      const reached = [...reachedFrom(fn)];
      expect(reached.length, fn).toBeGreaterThan(3);
      const importsOfReached = allImports.filter((entry) => reached.includes(entry.from) && !entry.typeOnly);
      expect(
        importsOfReached.filter((entry) => embedded.test(entry.to)).map(describeImport),
        `Instead: open adapters in ${fn} with src/storage/choose-store.ts or choose-public-wall-reader.ts (Supabase or PostgreSQL); npm start serves the embedded database to functions as DATABASE_URL`,
      ).toEqual([]);
    }
  });

  for (const rule of rules) {
    it(rule.name, () => {
      const broken = allImports.filter((entry) => rule.applies(entry.from) && rule.breaks(entry)).map(describeImport);
      const unexpected = broken.filter((entry) => !(entry in (rule.known ?? {})));
      expect(unexpected, `${unexpected.join("\n")}\nInstead: ${rule.instead}`).toEqual([]);
      const fixed = Object.keys(rule.known ?? {}).filter((entry) => !broken.includes(entry));
      expect(fixed, "these no longer break the rule: take them out of its known list").toEqual([]);
    });
  }
});
