/**
 * The progress page's read: the totals of public_progress(), as the anonymous role on PGlite and
 * PostgreSQL, and from PostgREST's rpc on Supabase; a count under 5 never arrives.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPublicWallReader } from "../../../src/storage/choose-public-wall-reader.ts";
import { suppressionThreshold } from "../../../src/wall/progress.ts";
import { readProgressCounts } from "../../../src/wall/public-signatories.ts";
import { pledgeWith, type WallDatabase, wallDatabases } from "../support/wall-databases.ts";

describe.each(wallDatabases)("the progress totals on $name", ({ open }) => {
  let db: WallDatabase;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it("counts pledges counted only with the named ones, once there are 5 of a kind", async () => {
    for (let n = 0; n < suppressionThreshold - 1; n++) {
      await pledgeWith(db.store, ["approved"], { kind: "charity", listing: n % 2 ? "count-only" : "name-and-area" });
    }
    const under = await readProgressCounts(db.reader);
    expect(under.find((row) => row.measure === "kind" && row.category === "charity")).toBeUndefined();
    expect(under.every((row) => row.pledges >= suppressionThreshold)).toBe(true);
    await pledgeWith(db.store, ["approved"], { kind: "charity", listing: "count-only" });
    const at = await readProgressCounts(db.reader);
    expect(at).toContainEqual({ measure: "kind", category: "charity", pledges: suppressionThreshold });
    expect(at).toContainEqual({ measure: "total", category: null, pledges: suppressionThreshold });
  });
});

describe("the progress totals through Supabase", () => {
  it("calls public_progress with the anon key and reads its rows", async () => {
    const seen: Record<"method" | "url" | "apikey", string | undefined>[] = [];
    const server = createServer((request, response) => {
      seen.push({ method: request.method, url: request.url, apikey: request.headers.apikey as string | undefined });
      request.resume();
      response
        .writeHead(200, { "Content-Type": "application/json; charset=utf-8" })
        .end(JSON.stringify([{ measure: "total", category: null, pledges: 12 }]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const read = await readProgressCounts(
        openPublicWallReader({ kind: "supabase", url, anonKey: "anon-key-for-tests" }),
      );
      expect(read).toEqual([{ measure: "total", category: null, pledges: 12 }]);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: "POST", apikey: "anon-key-for-tests" });
      expect(seen[0]?.url).toMatch(/^\/rest\/v1\/rpc\/public_progress\?/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
