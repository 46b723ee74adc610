/**
 * The scheduled functions as Netlify runs them, wired from the environment: the queue drain
 * writes what waited during an outage, and the retention job deletes old contact details. Their
 * database is the embedded one served as `npm start` serves it, reached through DATABASE_URL.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import retention from "../../../content/retention.json" with { type: "json" };
import { type EmbeddedDatabaseServer, serveEmbeddedDatabase } from "../../../src/storage/embedded-database-server.ts";
import { FolderQueue } from "../../../src/storage/folder-queue.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { readOutbox } from "../support/outbox.ts";

let scratch: string;
let database: EmbeddedDatabaseServer;
let store: PostgresStore;
const saved = { ...process.env };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "scheduled-"));
  database = await serveEmbeddedDatabase(join(scratch, "pglite"));
  store = new PostgresStore(database.url);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    PLEDGE_TOKEN_SECRET: "scheduled-functions-test-secret",
    PLEDGE_QUEUE_DIR: join(scratch, "queue"),
    OUTBOX_DIR: join(scratch, "outbox"),
    SUPABASE_URL: "",
  });
  delete process.env.NETLIFY_BLOBS_CONTEXT;
}, 60_000);
afterAll(async () => {
  process.env = saved;
  await store?.close();
  await database?.close();
  await rm(scratch, { recursive: true, force: true });
});

/** SQL as the database owner, as Supabase Studio's table editor runs it, not as the functions' role. */
async function asOwner(sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("begin");
    await client.query("set local role postgres");
    const result = await client.query(sql, params);
    await client.query("commit");
    return result;
  } finally {
    await client.end();
  }
}

describe("the scheduled functions", () => {
  it("drain-pledge-queue writes queued pledges to the database, empties the queue and sends each pledger a receipt", async () => {
    const queue = new FolderQueue(join(scratch, "queue"));
    const rows = [pledgeRow(), pledgeRow()];
    for (const row of rows) await queue.enqueue(row);
    const { default: drain } = await import("../../../netlify/functions/drain-pledge-queue.ts");
    const response = await drain();
    expect(await response.json()).toEqual({
      stored: 2,
      alreadyStored: 0,
      duplicates: 0,
      setAside: 0,
      failed: 0,
      waiting: 0,
    });
    expect(await queue.keys()).toEqual([]);
    const receipts = (await readOutbox(join(scratch, "outbox"))).filter((mail) => mail.reference.startsWith("receipt"));
    expect(receipts.map((mail) => mail.to).sort()).toEqual(rows.map((row) => row.contact_email).sort());
  }, 60_000);

  it("apply-retention deletes the contact details of a pledge rejected longer ago than content/retention.json allows", async () => {
    const old = pledgeRow();
    await store.submit(old);
    await asOwner("update public.pledges set status = 'rejected' where idempotency_key = $1", [old.idempotency_key]);
    await asOwner(
      `update public.pledges set decided_at = now() - interval '${retention.rejectedContactDays + 1} days' where idempotency_key = $1`,
      [old.idempotency_key],
    );
    const { default: applyRetention } = await import("../../../netlify/functions/apply-retention.ts");
    expect(await (await applyRetention()).json()).toEqual({ erased: 1, reminded: 0, deleted: 0 });
    const { rows } = await asOwner("select contact_email from public.pledges where idempotency_key = $1", [
      old.idempotency_key,
    ]);
    expect(rows[0]?.contact_email).toBeNull();
  }, 60_000);

  it("send-approval-notices e-mails a pledger approved in Supabase Studio, where no code saw the approval", async () => {
    const row = pledgeRow();
    await store.submit(row);
    // As Studio's table editor would: a plain update, as the database owner.
    await asOwner("update public.pledges set status = 'approved' where idempotency_key = $1", [row.idempotency_key]);
    const { default: sendApprovalNotices } = await import("../../../netlify/functions/send-approval-notices.ts");
    expect(await (await sendApprovalNotices()).json()).toEqual({ sent: 1, failed: 0 });
    const told = (await readOutbox(join(scratch, "outbox"))).filter((mail) => mail.reference.startsWith("approved"));
    expect(told.map((mail) => mail.to)).toEqual([row.contact_email]);
    expect(await (await sendApprovalNotices()).json()).toEqual({ sent: 0, failed: 0 });
  }, 60_000);
});
