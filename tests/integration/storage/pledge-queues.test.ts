/**
 * The queue that holds pledges while the database is unreachable, on both adapters (a folder, and
 * Netlify Blobs served by the Blobs library's own local server), and the drain that empties it
 * into the database exactly once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobsServer } from "@netlify/blobs/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxMailer } from "../../../src/notify/outbox-mailer.ts";
import { createPledgeNotices } from "../../../src/notify/pledge-notices.ts";
import type { ConfirmationIssuer } from "../../../src/pledge/after-storing.ts";
import { drainQueue } from "../../../src/pledge/queue-drain.ts";
import { BlobsQueue } from "../../../src/storage/blobs-queue.ts";
import { FolderQueue } from "../../../src/storage/folder-queue.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import type { PledgeQueue } from "../../../src/storage/pledge-queue.ts";
import { type PledgeStore, StorageUnavailableError } from "../../../src/storage/pledge-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { readOutbox } from "../support/outbox.ts";

let scratch: string;
let blobs: BlobsServer;
let blobsOptions: { siteID: string; token: string; apiURL: string };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "pledge-queue-"));
  blobs = new BlobsServer({ directory: join(scratch, "blobs"), token: "queue-test-token" });
  const { port } = await blobs.start();
  blobsOptions = { siteID: "queue-test-site", token: "queue-test-token", apiURL: `http://127.0.0.1:${port}` };
});
afterAll(async () => {
  await blobs?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const queues: { name: string; open: () => PledgeQueue }[] = [
  { name: "a folder", open: () => new FolderQueue(join(scratch, `folder-${crypto.randomUUID()}`)) },
  { name: "Netlify Blobs", open: () => new BlobsQueue({ ...blobsOptions, siteID: `site-${crypto.randomUUID()}` }) },
];

describe.each(queues)("the queue in $name", ({ open }) => {
  it("keeps a pledge whole under its idempotency key until it is removed", async () => {
    const queue = open();
    const row = pledgeRow({ commitment: "Ünïcödé, emoji 🙂, and\nnew lines" });
    await queue.enqueue(row);
    expect(await queue.keys()).toEqual([row.idempotency_key]);
    expect(await queue.read(row.idempotency_key)).toEqual(row);
    await queue.remove(row.idempotency_key);
    expect(await queue.keys()).toEqual([]);
  });

  it("sets a pledge aside whole, with the reason, out of the drain's way", async () => {
    const queue = open();
    const [refused, waiting] = [pledgeRow(), pledgeRow()];
    await queue.enqueue(refused);
    await queue.enqueue(waiting);
    await queue.setAside(refused.idempotency_key, "the database said no", new Date("2026-11-30T09:00:00Z"));
    expect(await queue.keys()).toEqual([waiting.idempotency_key]);
    expect(await queue.setAsidePledges()).toEqual([
      { pledge: refused, reason: "the database said no", setAsideAt: "2026-11-30T09:00:00.000Z" },
    ]);
  });

  it("lets go of one set-aside pledge, and only that one, once an officer has dealt with it", async () => {
    const queue = open();
    const [first, second] = [pledgeRow(), pledgeRow()];
    for (const row of [first, second]) {
      await queue.enqueue(row);
      await queue.setAside(row.idempotency_key, "refused");
    }
    await queue.removeSetAside(first.idempotency_key);
    expect((await queue.setAsidePledges()).map((entry) => entry.pledge)).toEqual([second]);
  });

  it("keeps one copy of a pledge queued twice", async () => {
    const queue = open();
    const row = pledgeRow();
    await queue.enqueue(row);
    await queue.enqueue(row);
    expect(await queue.keys()).toEqual([row.idempotency_key]);
  });
});

describe("draining the queue", () => {
  let database: PgliteStore;
  beforeAll(async () => {
    database = await openPgliteStore();
  }, 60_000);
  afterAll(() => database?.db.close());

  it("writes each queued pledge once, counts replays and duplicates, and empties the queue", async () => {
    const queue = new FolderQueue(join(scratch, "drain"));
    const fresh = pledgeRow();
    const alreadyStored = pledgeRow();
    await database.submit(alreadyStored);
    const duplicate = { ...fresh, idempotency_key: crypto.randomUUID() };
    for (const row of [fresh, alreadyStored, duplicate]) await queue.enqueue(row);
    const result = await drainQueue(queue, database);
    expect(result).toEqual({ stored: 1, alreadyStored: 1, duplicates: 1, setAside: 0, failed: 0, waiting: 0 });
    expect(await queue.keys()).toEqual([]);
  });

  it("stops while the database is unreachable and keeps what it could not write", async () => {
    const queue = new FolderQueue(join(scratch, "waiting"));
    for (let i = 0; i < 3; i++) await queue.enqueue(pledgeRow());
    const unreachable: PledgeStore & ConfirmationIssuer = {
      submit: async () => {
        throw new StorageUnavailableError("connection refused");
      },
      issueConfirmationCode: async () => {
        throw new StorageUnavailableError("connection refused");
      },
    };
    expect(await drainQueue(queue, unreachable)).toEqual({
      stored: 0,
      alreadyStored: 0,
      duplicates: 0,
      setAside: 0,
      failed: 0,
      waiting: 3,
    });
    expect(await queue.keys()).toHaveLength(3);
    expect((await drainQueue(queue, database)).stored).toBe(3);
  });

  it("sets aside a pledge the database refuses, first in the queue, and stores the 20 behind it in the same run", async () => {
    const queue = new FolderQueue(join(scratch, "poisoned"));
    // The key sorts first, as an attacker who picks it would make it; the database refuses the
    // capitalised scheme, which an older schema let through.
    const poison = pledgeRow({ idempotency_key: "00000000-0000-4000-8000-000000000000", website: "HTTPS://x.example" });
    const good = Array.from({ length: 20 }, () => pledgeRow());
    for (const row of [poison, ...good]) await queue.enqueue(row);
    expect((await queue.keys())[0]).toBe(poison.idempotency_key);
    const outbox = join(scratch, `outbox-${crypto.randomUUID()}`);
    const notices = createPledgeNotices({
      mailer: new OutboxMailer(outbox),
      siteUrl: "https://charter.example",
      secret: "queue-secret",
      councilInbox: "council@example.com",
      log: () => {},
    });
    const before = await storedCount(database);
    expect(await drainQueue(queue, database, notices)).toEqual({
      stored: 20,
      alreadyStored: 0,
      duplicates: 0,
      setAside: 1,
      failed: 0,
      waiting: 0,
    });
    expect((await storedCount(database)) - before).toBe(20);
    expect(await queue.keys()).toEqual([]);
    const [setAside] = await queue.setAsidePledges();
    expect(setAside?.pledge).toEqual(poison);
    expect(setAside?.reason).toMatch(/pledges_website_check/);
    const toCouncil = (await readOutbox(outbox)).filter((mail) => mail.to === "council@example.com");
    expect(toCouncil.filter((mail) => mail.reference.startsWith("council-set-aside"))).toHaveLength(1);
  });

  it("keeps a pledge that fails for a reason of ours in the queue and stores the others", async () => {
    const queue = new FolderQueue(join(scratch, "faulty"));
    const [faulty, good] = [pledgeRow(), pledgeRow()];
    for (const row of [faulty, good]) await queue.enqueue(row);
    const sometimesFaulty: PledgeStore & ConfirmationIssuer = {
      submit: async (pledge) => {
        if (pledge.idempotency_key === faulty.idempotency_key) throw new TypeError("a bug of ours");
        return database.submit(pledge);
      },
      issueConfirmationCode: (reference) => database.issueConfirmationCode(reference),
    };
    expect(await drainQueue(queue, sometimesFaulty)).toMatchObject({ stored: 1, failed: 1, setAside: 0 });
    expect(await queue.keys()).toEqual([faulty.idempotency_key]);
  });
});

async function storedCount(store: PgliteStore): Promise<number> {
  return (await store.db.query<{ n: number }>("select count(*)::int as n from public.pledges")).rows[0]?.n ?? -1;
}
