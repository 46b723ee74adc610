/**
 * The wall's version as the anonymous role reads it: it changes exactly when what the public
 * can see changes, on PGlite and PostgreSQL, and the Supabase path asks PostgREST for it as
 * PostgREST expects.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPublicWallReader } from "../../../src/storage/choose-public-wall-reader.ts";
import { readPublicWallVersion } from "../../../src/wall/public-signatories.ts";

/** Noon on 21 June 2027 in London (BST); 23:30 that day in London is 22:30 UTC. */
const midsummer = Date.parse("2027-06-21T11:00:00Z");

import { pledgeWith, type WallDatabase, wallDatabases } from "../support/wall-databases.ts";

describe.each(wallDatabases)("the public wall version on $name", ({ open }) => {
  let db: WallDatabase;
  // A fixed clock: the day the version carries is tested on its own below.
  const version = () => readPublicWallVersion(db.reader, 10_000, () => midsummer);

  // One database for the file: opening and migrating one takes seconds. Each test compares
  // the version before and after what it does, so they do not depend on one another.
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it("is the digest of nothing, with no count, on an empty wall (this test runs first)", async () => {
    expect(await version()).toEqual({
      version: "d41d8cd98f00b204e9800998ecf8427e@2027-06-21",
      approved: null,
      lastDecidedAt: null,
    });
  });

  it("changes with the day in the UK, so levels and quarters that move with time are built again daily", async () => {
    const at = (iso: string) => readPublicWallVersion(db.reader, 10_000, () => Date.parse(iso));
    const [digest] = (await version()).version.split("@");
    expect((await at("2027-06-21T22:59:59Z")).version).toBe(`${digest}@2027-06-21`);
    expect((await at("2027-06-21T23:00:00Z")).version).toBe(`${digest}@2027-06-22`);
    expect((await at("2027-01-01T00:30:00Z")).version).toBe(`${digest}@2027-01-01`);
  });

  it("changes when a named pledge is approved, and gives its listing time", async () => {
    const before = await version();
    await pledgeWith(db.store, ["approved"]);
    const after = await version();
    expect(after.version).not.toBe(before.version);
    expect(after.lastDecidedAt).not.toBeNull();
  });

  it("changes when a pledge counted only is approved, since the progress page counts it, but gives no date of it", async () => {
    const before = await version();
    await pledgeWith(db.store, ["approved"], { listing: "count-only" });
    const after = await version();
    expect(after.version).not.toBe(before.version);
    expect(after.lastDecidedAt).toBe(before.lastDecidedAt);
  });

  it("says how many are approved only once there are 5, as the progress page does", async () => {
    const counts: (number | null)[] = [];
    while ((await version()).approved === null) {
      await pledgeWith(db.store, ["approved"], { listing: "count-only" });
      counts.push((await version()).approved);
    }
    expect((await db.store.list({ status: "approved" })).length).toBe(5);
    expect(counts.at(-1)).toBe(5);
    expect(counts.slice(0, -1).every((count) => count === null)).toBe(true);
  });

  it("does not change for a pending pledge or a rejection, which the public never sees", async () => {
    await pledgeWith(db.store, ["approved"]);
    const before = await version();
    await pledgeWith(db.store, []);
    await pledgeWith(db.store, ["rejected"]);
    expect(await version()).toEqual(before);
  });

  it("changes back to what it was when an approved pledge is withdrawn, and stays when it is erased", async () => {
    const before = await version();
    const id = await pledgeWith(db.store, ["approved"]);
    await db.store.setStatus({ id, status: "withdrawn", actor: "Test Officer", reason: "asked to leave" });
    expect(await version()).toEqual(before);
    expect(await db.store.erase(id)).toBe("erased");
    expect(await version()).toEqual(before);
  });

  it("changes when one of many approved pledges is withdrawn", async () => {
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push(await pledgeWith(db.store, ["approved"]));
    const before = await version();
    await db.store.setStatus({
      id: ids[2] ?? "",
      status: "withdrawn",
      actor: "Test Officer",
      reason: "asked to leave",
    });
    const after = await version();
    expect(after.version).not.toBe(before.version);
    expect(before.approved).not.toBeNull();
    expect(after.approved).toBe((before.approved ?? 0) - 1);
  });
});

describe("the public wall version through Supabase", () => {
  it("calls public_wall_version as PostgREST expects: POST to the rpc, one object, with the anon key", async () => {
    const seen: Record<"method" | "url" | "apikey" | "accept", string | undefined>[] = [];
    const server = createServer((request, response) => {
      seen.push({
        method: request.method,
        url: request.url,
        apikey: request.headers.apikey as string | undefined,
        accept: request.headers.accept,
      });
      request.resume();
      // PostgREST's answer to a function returning a table, asked for one object.
      response
        .writeHead(200, { "Content-Type": "application/vnd.pgrst.object+json; charset=utf-8" })
        .end(
          JSON.stringify({ version: "0123456789abcdef", approved: 7, last_decided_at: "2026-11-25T12:00:00.5+00:00" }),
        );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const read = await readPublicWallVersion(
        openPublicWallReader({ kind: "supabase", url, anonKey: "anon-key-for-tests" }),
        10_000,
        () => midsummer,
      );
      expect(read).toEqual({
        version: "0123456789abcdef@2027-06-21",
        approved: 7,
        lastDecidedAt: "2026-11-25T12:00:00.5+00:00",
      });
      expect(seen).toEqual([
        {
          method: "POST",
          url: "/rest/v1/rpc/public_wall_version",
          apikey: "anon-key-for-tests",
          accept: "application/vnd.pgrst.object+json",
        },
      ]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
