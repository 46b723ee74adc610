/**
 * `npm run pledges -- queue`, run as an officer runs it: what waits in the outage queue and what
 * the database refused, read from the queue the functions use and shown whole.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FolderQueue } from "../../../src/storage/folder-queue.ts";
import { pledgeRow } from "../support/databases.ts";

const run = promisify(execFile);

describe("npm run pledges -- queue, on a folder queue", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "pledges-queue-command-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  /** An empty queue folder of its own, and the command run against it as on a machine outside Netlify. */
  async function queueFolder(env: Record<string, string> = {}) {
    const dir = await mkdtemp(join(scratch, "queue-"));
    const { NETLIFY_BLOBS_CONTEXT: _outsideNetlify, ...outside } = process.env;
    const cli = () =>
      run(process.execPath, ["scripts/pledges.ts", "queue"], {
        env: {
          ...outside,
          PLEDGE_QUEUE_DIR: dir,
          PGLITE_DATA_DIR: join(dir, "no-database-here"),
          SUPABASE_URL: "",
          DATABASE_URL: "",
          ...env,
        },
      });
    return { queue: new FolderQueue(dir), cli };
  }

  // Longer than a line of output, with the database's quoting, so wrapping must keep every word.
  const reason =
    'new row for relation "pledges" violates check constraint "pledges_website_check", ' +
    "and a reason this long must still be read in full by the officer who decides what to do with it";

  it("lists a waiting pledge and a set-aside one with the database's reason in full", async () => {
    const { queue, cli } = await queueFolder();
    const waiting = pledgeRow({ kind: "charity" });
    const refused = pledgeRow({ website: "HTTPS://example.org" });
    await queue.enqueue(waiting);
    await queue.enqueue(refused);
    const setAsideAt = new Date("2026-11-30T09:15:00.000Z");
    await queue.setAside(refused.idempotency_key, reason, setAsideAt);

    const { stdout } = await cli();
    const [waitingPart = "", setAsidePart = ""] = stdout.split(/^Set aside\b/m);
    for (const value of [waiting.idempotency_key, waiting.name, "charity", waiting.contact_email])
      expect(waitingPart).toContain(value);
    expect(waitingPart).not.toContain(refused.idempotency_key);
    for (const value of [refused.idempotency_key, refused.name, refused.contact_email, setAsideAt.toISOString()])
      expect(setAsidePart).toContain(value);
    expect(setAsidePart.replace(/\s+/g, " ")).toContain(reason);
    expect(stdout.split("\n").every((line) => line.length <= 100)).toBe(true);
  });

  it("says so when nothing is waiting and nothing is set aside", async () => {
    const { cli } = await queueFolder();
    const { stdout } = await cli();
    expect(stdout).toContain("The outage queue is empty");
    expect(stdout).not.toMatch(/^key\b/m);
  });

  it("reads the queue while the database is out of reach, when the queue matters most", async () => {
    const { queue, cli } = await queueFolder({ DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:1/postgres" });
    const waiting = pledgeRow();
    await queue.enqueue(waiting);
    expect((await cli()).stdout).toContain(waiting.idempotency_key);
  });
});
