/**
 * The storage port's promise, kept by each adapter that can run here: a pledge is stored once
 * per idempotency key, a duplicate is told apart, and an unreachable database is reported as
 * unavailable rather than thrown as something else. (The Supabase adapter is held to the same
 * answers against recorded PostgREST exchanges in supabase-store.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StorageRefusalError, StorageUnavailableError } from "../../../src/storage/pledge-store.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

describe.each(storeTargets)("the $name adapter", ({ open }) => {
  let opened: StoreTarget;
  beforeAll(async () => {
    opened = await open();
  }, 60_000);
  afterAll(() => opened?.close());

  it("stores a pledge once and answers a replay of its key with the same reference", async () => {
    const row = pledgeRow();
    const first = await opened.store.submit(row);
    expect(first).toMatchObject({ outcome: "created" });
    expect(await opened.store.submit(row)).toEqual({ ...first, outcome: "replayed" });
  });

  it("tells a duplicate organisation and address apart without storing it", async () => {
    const row = pledgeRow();
    await opened.store.submit(row);
    expect(await opened.store.submit({ ...row, idempotency_key: crypto.randomUUID() })).toEqual({
      outcome: "duplicate",
      publiclyListed: false,
    });
  });

  it("reports a pledge the database refuses as a refusal of the column, never as unavailable, with nothing stored", async () => {
    const before = await opened.count();
    const refusal = await opened.store.submit(pledgeRow({ actions: ["not-an-action"] })).catch((error) => error);
    expect(refusal).toBeInstanceOf(StorageRefusalError);
    expect(refusal).toMatchObject({ column: "actions" });
    expect(await opened.count()).toBe(before);
  });
});

describe("a PostgreSQL server that cannot be reached", () => {
  it("is reported as unavailable", async () => {
    const store = new PostgresStore("postgresql://postgres:postgres@127.0.0.1:1/none");
    await expect(store.submit(pledgeRow())).rejects.toBeInstanceOf(StorageUnavailableError);
    await store.close();
  });
});

describe.each(storeTargets.filter((target) => target.name === "PostgreSQL"))("the $name adapter's role", ({ open }) => {
  it("runs every statement as service_role, never as the superuser it connects as", async () => {
    const opened = await open();
    try {
      const store = opened.store as PostgresStore;
      const { rows } = await store.pool.query<{ current_user: string; session_user: string }>(
        "select current_user, session_user",
      );
      expect(rows[0]).toEqual({ current_user: "service_role", session_user: "postgres" });
    } finally {
      await opened.close();
    }
  }, 60_000);
});
