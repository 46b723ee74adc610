/**
 * The embedded database has one owner at a time. While npm start serves the folder, a command, a
 * seed or a build started beside it goes through the server instead of opening the folder again
 * (two instances on one folder lose and corrupt pledges); once it stops, they open the folder.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAnyPublicWallReader } from "../../../src/storage/choose-any-public-wall-reader.ts";
import { openAnyStore } from "../../../src/storage/choose-any-store.ts";
import { servedDatabaseUrl, serveEmbeddedDatabase } from "../../../src/storage/embedded-database-server.ts";
import type { PgliteStore } from "../../../src/storage/pglite-store.ts";
import { postgresAnonRunner } from "../../../src/storage/postgres-store.ts";
import { pledgeRow } from "../support/databases.ts";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "served-embedded-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("a folder served by npm start", () => {
  it("is reached through the server while served, and opened directly once the server stops", async () => {
    const dataDir = join(scratch, "pglite");
    const server = await serveEmbeddedDatabase(dataDir);
    const row = pledgeRow();
    try {
      expect(await servedDatabaseUrl(dataDir)).toBe(server.url);
      const store = await openAnyStore({ kind: "pglite", dataDir });
      expect("db" in store).toBe(false);
      expect(await store.submit(row)).toMatchObject({ outcome: "created" });
    } finally {
      await server.close();
    }
    expect(await servedDatabaseUrl(dataDir)).toBeUndefined();
    const direct = (await openAnyStore({ kind: "pglite", dataDir })) as unknown as PgliteStore;
    try {
      const { rows } = await direct.db.query("select 1 from public.pledges where idempotency_key = $1", [
        row.idempotency_key,
      ]);
      expect(rows).toHaveLength(1);
    } finally {
      await direct.db.close();
    }
  });

  it("is read for the wall as the anonymous role through the server, which ignores the role asked at connection", async () => {
    const dataDir = join(scratch, "wall");
    const server = await serveEmbeddedDatabase(dataDir);
    try {
      const [who] = await postgresAnonRunner(server.url)<{ current_user: string }>("select current_user");
      expect(who?.current_user).toBe("anon");
      expect(await openAnyPublicWallReader({ kind: "pglite", dataDir }).readSignatories()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("is not taken as served when the process that served it has gone", async () => {
    const dataDir = join(scratch, "stale");
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(`${dataDir}.served-at.json`, JSON.stringify({ url: "postgresql://127.0.0.1:1/x", pid: gone }));
    expect(await readFile(`${dataDir}.served-at.json`, "utf8")).toContain("127.0.0.1:1");
    expect(await servedDatabaseUrl(dataDir)).toBeUndefined();
  });
});
