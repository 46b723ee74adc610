/**
 * Where the rebuild check remembers what it saw and asked for: a file locally and Netlify
 * Blobs (a local Blobs server here) in production, both empty at first and both giving back
 * what was written.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobsServer } from "@netlify/blobs/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../../src/config.ts";
import { BlobsRebuildStateStore, FileRebuildStateStore } from "../../../src/storage/rebuild-state-store.ts";
import type { RebuildState, RebuildStateStore } from "../../../src/wall/rebuild-trigger.ts";

let scratch: string;
let blobs: BlobsServer;
let blobsOptions: { siteID: string; token: string; apiURL: string };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "rebuild-state-"));
  blobs = new BlobsServer({ directory: join(scratch, "blobs"), token: "state-test-token" });
  const { port } = await blobs.start();
  blobsOptions = { siteID: "state-test-site", token: "state-test-token", apiURL: `http://127.0.0.1:${port}` };
});
afterAll(async () => {
  await blobs?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const state: RebuildState = {
  seen: { version: "abc", since: "2026-11-25T12:00:00.000Z" },
  waitingSince: "2026-11-25T12:00:00.000Z",
  triggered: { version: "abc", at: "2026-11-25T12:05:00.000Z", attempts: 1 },
};

const stores: { name: string; open: () => RebuildStateStore }[] = [
  { name: "a file", open: () => new FileRebuildStateStore(join(scratch, crypto.randomUUID(), "wall-rebuild.json")) },
  {
    name: "Netlify Blobs",
    open: () => new BlobsRebuildStateStore({ ...blobsOptions, siteID: `site-${crypto.randomUUID()}` }),
  },
];

describe.each(stores)("the rebuild state in $name", ({ open }) => {
  it("is empty before anything was written", async () => {
    expect(await open().read()).toEqual({});
  });

  it("gives back the last state written", async () => {
    const store = open();
    await store.write({ seen: { version: "old", since: "2026-11-25T11:00:00.000Z" } });
    await store.write(state);
    expect(await store.read()).toEqual(state);
  });
});

describe("choosing where the rebuild state lives", () => {
  it("uses Netlify Blobs inside Netlify and a file under .data/ elsewhere", () => {
    expect(readConfig((name) => (name === "NETLIFY_BLOBS_CONTEXT" ? "context" : undefined)).rebuildState).toEqual({
      kind: "blobs",
    });
    expect(readConfig(() => undefined).rebuildState).toEqual({
      kind: "file",
      path: join(process.cwd(), ".data", "wall-rebuild.json"),
    });
  });
});
