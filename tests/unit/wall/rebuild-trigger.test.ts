/**
 * The rebuild rule with a fake clock, a state kept in memory, and a database and site that
 * say whatever each test needs: when a build is asked for, and when it is not.
 */
import { describe, expect, it } from "vitest";
import {
  checkWallRebuild,
  defaultRebuildSettings,
  type RebuildDependencies,
  type RebuildReport,
  type RebuildState,
} from "../../../src/wall/rebuild-trigger.ts";

const minute = 60_000;

/** A scheduled function's world: the database, the deployed site and the hook, all in memory. */
function world(options: { database?: string; deployed?: string | null; hook?: "configured" | "absent" } = {}) {
  let clock = Date.parse("2026-11-25T12:00:00Z");
  let saved: RebuildState = {};
  const world = {
    database: options.database ?? "v1",
    deployed: (options.deployed === undefined ? "v0" : options.deployed) as string | null,
    databaseDown: false,
    siteDown: false,
    hookDown: false,
    builds: [] as string[],
    get state() {
      return saved;
    },
    advance(ms: number) {
      clock += ms;
    },
    /** Publishes what a build asked for, as Netlify would once it finished. */
    publish() {
      const last = world.builds.at(-1);
      if (last !== undefined) world.deployed = last;
    },
    check(): Promise<RebuildReport> {
      const deps: RebuildDependencies = {
        now: () => clock,
        state: {
          read: async () => structuredClone(saved),
          write: async (state) => {
            saved = structuredClone(state);
          },
        },
        readDatabaseVersion: async () => {
          if (world.databaseDown) throw new Error("connection refused");
          return { version: world.database, approved: 3, lastDecidedAt: null };
        },
        readDeployedVersion: async () => {
          if (world.siteDown) throw new Error("the site answered 503 for /data/wall-version.json");
          return world.deployed;
        },
        callBuildHook:
          options.hook === "absent"
            ? undefined
            : async (version) => {
                if (world.hookDown) throw new Error("the build hook answered 500");
                world.builds.push(version);
              },
      };
      return checkWallRebuild(deps);
    },
    /** The next scheduled run, 5 minutes on. */
    async nextRun(): Promise<RebuildReport> {
      world.advance(5 * minute);
      return world.check();
    },
  };
  return world;
}

describe("the wall rebuild trigger", () => {
  it("asks for nothing while the deployed site shows what the database has", async () => {
    const w = world({ database: "v1", deployed: "v1" });
    expect((await w.check()).outcome).toBe("up-to-date");
    expect((await w.nextRun()).outcome).toBe("up-to-date");
    expect(w.builds).toEqual([]);
  });

  it("waits for a new version to settle, then asks for one build of it", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    expect((await w.check()).outcome).toBe("settling");
    expect((await w.nextRun()).outcome).toBe("triggered");
    expect(w.builds).toEqual(["v1"]);
  });

  it("does not ask again for the same version while its build is under way", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    await w.check();
    await w.nextRun();
    expect((await w.nextRun()).outcome).toBe("building");
    expect((await w.nextRun()).outcome).toBe("building");
    expect(w.builds).toEqual(["v1"]);
    w.publish();
    expect((await w.nextRun()).outcome).toBe("up-to-date");
    expect(w.builds).toEqual(["v1"]);
  });

  it("asks again for a version whose build never appeared, less and less often", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    await w.check();
    for (let run = 0; run < 12 * 24; run++) await w.nextRun();
    // One day of runs: asked at 5 minutes, then after 20, 40, 80, 160, 320 and 640 minutes.
    expect(w.builds.length).toBe(7);
    expect(new Set(w.builds)).toEqual(new Set(["v1"]));
    expect(w.state.triggered?.attempts).toBe(7);
  });

  it("holds back while approvals keep coming, then asks once they stop", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    await w.check();
    for (let n = 2; n <= 5; n++) {
      w.database = `v${n}`;
      expect((await w.nextRun()).outcome).toBe("settling");
    }
    expect((await w.nextRun()).outcome).toBe("triggered");
    expect(w.builds).toEqual(["v5"]);
  });

  it("asks anyway after waiting 30 minutes for changes that never stop, and then once per 30 minutes", async () => {
    const w = world({ database: "v0.1", deployed: "v0" });
    for (let run = 1; run <= 24; run++) {
      w.database = `v${run}`;
      await w.nextRun();
    }
    // A change before each of 24 runs, 5 to 120 minutes: first seen behind at 5, asked at 35, 65 and 95.
    expect(w.builds).toEqual(["v7", "v13", "v19"]);
    expect(defaultRebuildSettings.maxWaitMs).toBe(30 * minute);
  });

  it("makes one build of a burst of 100 approvals spread over 20 minutes", async () => {
    const w = world({ database: "v0", deployed: "v0" });
    await w.check();
    for (let approval = 1; approval <= 100; approval++) {
      w.database = `v${approval}`;
      w.advance(12_000);
      // The scheduled runs fall every 5 minutes among the approvals.
      if (approval % 25 === 0) await w.check();
    }
    for (let run = 0; run < 12; run++) {
      if ((await w.nextRun()).outcome === "building") w.publish();
    }
    expect(w.builds).toEqual(["v100"]);
    expect(w.deployed).toBe("v100");
  });

  it("builds again after a change that arrives while a build is under way", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    await w.check();
    await w.nextRun();
    w.database = "v2";
    w.publish();
    expect((await w.nextRun()).outcome).toBe("settling");
    expect((await w.nextRun()).outcome).toBe("triggered");
    expect(w.builds).toEqual(["v1", "v2"]);
  });

  it("treats a site that publishes no version yet as behind", async () => {
    const w = world({ database: "v1", deployed: null });
    await w.check();
    expect((await w.nextRun()).outcome).toBe("triggered");
    expect(w.builds).toEqual(["v1"]);
  });

  it("asks for nothing when the site cannot be asked, and says why", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    w.siteDown = true;
    await w.check();
    const report = await w.nextRun();
    expect(report).toMatchObject({ outcome: "site-unavailable", reason: expect.stringContaining("503") });
    expect(w.builds).toEqual([]);
  });

  it("asks for nothing and leaves its memory alone when the database cannot be read", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    await w.check();
    const before = structuredClone(w.state);
    w.databaseDown = true;
    expect((await w.nextRun()).outcome).toBe("database-unavailable");
    expect(w.state).toEqual(before);
    expect(w.builds).toEqual([]);
  });

  it("asks again at the next run when the build hook failed", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    await w.check();
    w.hookDown = true;
    expect(await w.nextRun()).toMatchObject({ outcome: "hook-failed", reason: "the build hook answered 500" });
    w.hookDown = false;
    expect((await w.nextRun()).outcome).toBe("triggered");
    expect(w.builds).toEqual(["v1"]);
  });

  it("still reads the database, and says a build is due, when no build hook is configured", async () => {
    const w = world({ database: "v1", deployed: "v0", hook: "absent" });
    await w.check();
    expect(await w.nextRun()).toMatchObject({ outcome: "no-build-hook", databaseVersion: "v1", approved: 3 });
    expect(w.state.triggered).toBeUndefined();
  });

  it("forgets a finished build once the site has caught up", async () => {
    const w = world({ database: "v1", deployed: "v0" });
    await w.check();
    await w.nextRun();
    w.publish();
    await w.nextRun();
    expect(w.state).toEqual({ seen: { version: "v1", since: expect.any(String) } });
  });
});
