/**
 * The rebuild-wall scheduled function as Netlify runs it, wired from the environment: the
 * embedded database served as `npm start` serves it (DATABASE_URL), a deployed site and a build
 * hook on 127.0.0.1, and its state in a file. The function reads its settings when it loads, so
 * each run loads it afresh.
 * Its clock is the real one, so where a test needs time to have passed it writes the state a
 * run ten minutes earlier would have left.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openPublicWallReader } from "../../../src/storage/choose-public-wall-reader.ts";
import { type EmbeddedDatabaseServer, serveEmbeddedDatabase } from "../../../src/storage/embedded-database-server.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { FileRebuildStateStore } from "../../../src/storage/rebuild-state-store.ts";
import { readPublicWallVersion } from "../../../src/wall/public-signatories.ts";
import type { RebuildReport } from "../../../src/wall/rebuild-trigger.ts";
import { startBuildHook, startDeployedSite } from "../support/local-servers.ts";
import { pledgeWith } from "../support/wall-databases.ts";

const hookSecret = `hook-${crypto.randomUUID()}`;
const saved = { ...process.env };
let scratch: string;
let stateFile: string;
let database: EmbeddedDatabaseServer;
let store: PostgresStore;
let hook: Awaited<ReturnType<typeof startBuildHook>>;
let site: Awaited<ReturnType<typeof startDeployedSite>>;
const logged: string[] = [];

const source = () => ({ kind: "postgres" as const, connectionString: database.url });

async function run(): Promise<RebuildReport> {
  vi.resetModules();
  const { default: rebuildWall } = await import("../../../netlify/functions/rebuild-wall.ts");
  return (await rebuildWall()).json();
}

/** The state a run ten minutes ago would have left, had it seen the database as it is now. */
async function seenTenMinutesAgo() {
  const { version } = await readPublicWallVersion(openPublicWallReader(source()));
  const state = await new FileRebuildStateStore(stateFile).read();
  await writeFile(
    stateFile,
    JSON.stringify({ ...state, seen: { version, since: new Date(Date.now() - 10 * 60_000).toISOString() } }),
  );
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "rebuild-wall-"));
  stateFile = join(scratch, "wall-rebuild.json");
  hook = await startBuildHook();
  site = await startDeployedSite();
  database = await serveEmbeddedDatabase(join(scratch, "pglite"));
  Object.assign(process.env, {
    WALL_REBUILD_STATE_FILE: stateFile,
    NETLIFY_BUILD_HOOK_URL: `${hook.url}/build_hooks/${hookSecret}`,
    URL: site.url,
    SUPABASE_URL: "",
    DATABASE_URL: database.url,
  });
  delete process.env.SITE_URL;
  delete process.env.NETLIFY_BLOBS_CONTEXT;
  store = new PostgresStore(database.url);
  vi.spyOn(console, "info").mockImplementation((...args) => {
    logged.push(args.join(" "));
  });
}, 60_000);
afterEach(async () => {
  await rm(stateFile, { force: true });
  hook.status = 200;
  process.env.NETLIFY_BUILD_HOOK_URL = `${hook.url}/build_hooks/${hookSecret}`;
});
afterAll(async () => {
  vi.restoreAllMocks();
  process.env = saved;
  await hook?.close();
  await site?.close();
  await store?.close();
  await database?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe("the rebuild-wall scheduled function", () => {
  it("runs every 5 minutes", async () => {
    const { config } = await import("../../../netlify/functions/rebuild-wall.ts");
    expect(config.schedule).toBe("*/5 * * * *");
  });

  it("waits at first sight of an approval, then asks the build hook once, then waits for the build", async () => {
    site.published = await readPublicWallVersion(openPublicWallReader(source()));
    await pledgeWith(store, ["approved"]);
    const calls = hook.requests.length;
    expect((await run()).outcome).toBe("settling");
    expect(hook.requests.length).toBe(calls);

    await seenTenMinutesAgo();
    const triggered = await run();
    expect(triggered.outcome).toBe("triggered");
    expect(hook.requests.slice(calls).map((request) => [request.method, request.path])).toEqual([
      ["POST", `/build_hooks/${hookSecret}`],
    ]);
    expect((await run()).outcome).toBe("building");
    expect(hook.requests.length).toBe(calls + 1);

    site.published = await readPublicWallVersion(openPublicWallReader(source()));
    expect(await run()).toMatchObject({ outcome: "up-to-date", deployedVersion: site.published.version });
    expect(hook.requests.length).toBe(calls + 1);
  }, 60_000);

  it("never logs the build hook's address, even when the hook refuses", async () => {
    site.published = undefined;
    hook.status = 500;
    await run();
    await seenTenMinutesAgo();
    const report = await run();
    expect(report).toMatchObject({ outcome: "hook-failed", reason: "the build hook answered 500" });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.some((line) => line.includes('"event":"rebuild-wall"'))).toBe(true);
    for (const line of logged) expect(line).not.toContain(hookSecret);
    expect(JSON.stringify(report)).not.toContain(hookSecret);
  }, 60_000);

  it("still reads the database, keeping Supabase awake, when no build hook is configured", async () => {
    delete process.env.NETLIFY_BUILD_HOOK_URL;
    site.published = undefined;
    const calls = hook.requests.length;
    await run();
    await seenTenMinutesAgo();
    const report = await run();
    expect(report.outcome).toBe("no-build-hook");
    expect(report.databaseVersion).toBe((await readPublicWallVersion(openPublicWallReader(source()))).version);
    expect(hook.requests.length).toBe(calls);
  }, 60_000);
});
