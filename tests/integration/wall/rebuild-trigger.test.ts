/**
 * The rebuild check against a real migrated database, a real build hook endpoint and a real
 * deployed site on 127.0.0.1, with only the clock simulated: a burst of 100 approvals while
 * the scheduled runs go on makes at most a few builds, the site ends up showing all of them,
 * and a withdrawal afterwards leads to one more build.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileRebuildStateStore } from "../../../src/storage/rebuild-state-store.ts";
import { callBuildHook, fetchDeployedVersion } from "../../../src/wall/deployed-site.ts";
import { readPublicWallVersion } from "../../../src/wall/public-signatories.ts";
import { checkWallRebuild, type RebuildReport } from "../../../src/wall/rebuild-trigger.ts";
import type { WallVersion } from "../../../src/wall/wall-version.ts";
import { startBuildHook, startDeployedSite } from "../support/local-servers.ts";
import { pledgeWith, type WallDatabase, wallDatabases } from "../support/wall-databases.ts";

const minute = 60_000;

describe.each(wallDatabases)("rebuilding the wall on $name", ({ open }) => {
  let db: WallDatabase;
  let scratch: string;
  let hook: Awaited<ReturnType<typeof startBuildHook>>;
  let site: Awaited<ReturnType<typeof startDeployedSite>>;
  let clock = Date.parse("2026-11-25T09:00:00Z");
  /** A build Netlify is running: it read the wall's version when it started. */
  let building: WallVersion | undefined;
  let state: FileRebuildStateStore;
  const reports: RebuildReport[] = [];

  const databaseVersion = () => readPublicWallVersion(db.reader);

  /** One scheduled run 5 minutes after the last; a build asked for at one run is live by the next. */
  async function scheduledRun(): Promise<RebuildReport> {
    clock += 5 * minute;
    if (building) site.published = building;
    building = undefined;
    const calls = hook.requests.length;
    const report = await checkWallRebuild({
      now: () => clock,
      state,
      readDatabaseVersion: databaseVersion,
      readDeployedVersion: () => fetchDeployedVersion(site.url, { timeoutMs: 5000 }),
      callBuildHook: (version) => callBuildHook(`${hook.url}/build_hooks/test-hook-id`, version, { timeoutMs: 5000 }),
    });
    if (hook.requests.length > calls) building = await databaseVersion();
    reports.push(report);
    return report;
  }

  beforeAll(async () => {
    db = await open();
    scratch = await mkdtemp(join(tmpdir(), "rebuild-trigger-"));
    state = new FileRebuildStateStore(join(scratch, "wall-rebuild.json"));
    hook = await startBuildHook();
    site = await startDeployedSite();
    site.published = await databaseVersion();
  });
  afterAll(async () => {
    await hook?.close();
    await site?.close();
    await db?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("makes at most a few builds for a burst of 100 approvals, and the site ends up showing all of them", async () => {
    expect((await scheduledRun()).outcome).toBe("up-to-date");
    const ids: string[] = [];
    for (let n = 0; n < 100; n++) ids.push(await pledgeWith(db.store, []));
    // 20 approvals between each of five runs: 25 minutes of approving.
    for (let batch = 0; batch < 5; batch++) {
      for (const id of ids.slice(batch * 20, batch * 20 + 20)) {
        await db.store.setStatus({ id, status: "approved", actor: "Test Officer" });
      }
      expect((await scheduledRun()).outcome).not.toBe("triggered");
    }
    for (let run = 0; run < 12; run++) await scheduledRun();

    expect(hook.requests.length).toBeGreaterThanOrEqual(1);
    expect(hook.requests.length).toBeLessThanOrEqual(3);
    for (const request of hook.requests) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/build_hooks/test-hook-id");
      expect(request.query.get("trigger_title")).toMatch(/^Signatory wall changed \(version [0-9a-f]{12}\)$/);
    }
    expect(site.published).toEqual(await databaseVersion());
    expect(site.published?.approved).toBe(100);
    expect(reports.at(-1)?.outcome).toBe("up-to-date");
  });

  it("publishes a withdrawal with one more build", async () => {
    const before = await databaseVersion();
    const calls = hook.requests.length;
    const id = await pledgeWith(db.store, ["approved", "withdrawn"]);
    expect(id).toBeTruthy();
    // An approval and its withdrawal between two runs leave nothing to publish.
    expect(await databaseVersion()).toEqual(before);
    const [leaving] = (await db.store.list({ status: "approved" })).slice(0, 1);
    await db.store.setStatus({ id: leaving?.id ?? "", status: "withdrawn", actor: "Test Officer" });
    const after = await databaseVersion();
    expect(after.version).not.toBe(before.version);
    expect(after.approved).toBe(99);
    for (let run = 0; run < 6; run++) await scheduledRun();
    expect(hook.requests.length - calls).toBe(1);
    expect(site.published).toEqual(after);
  });
});
