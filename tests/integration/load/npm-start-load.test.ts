/**
 * The README's first command under a crowd: 50 pledges sent at once to `npm start`, then the
 * server stopped with Ctrl-C. Every pledge acknowledged is in the embedded database, which opens
 * cleanly afterwards; nothing answers 5xx, and nothing was queued while the database was healthy.
 * Bounded: one warm-up request and 50 pledges, on 127.0.0.1.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningNpmStart, startNpmStart } from "../../../scripts/lib/npm-start.ts";
import { issueFormToken } from "../../../src/pledge/form-token.ts";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { validValues } from "../../fixtures/pledge-values.ts";

const secret = "npm-start-load-secret";
const crowd = 50;

describe("npm start with 50 pledges sent at once", () => {
  let dataDir: string;
  let server: RunningNpmStart | undefined;
  const run = `Crowd ${Date.now()}`;
  const answers: { status: number; body: string }[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "npm-start-load-"));
    server = await startNpmStart(dataDir, {
      // One client address sends them all here; the limits per address are not what is tested.
      env: { PLEDGE_TOKEN_SECRET: secret, PLEDGE_SUBMITS_PER_MINUTE: "1000", PLEDGE_SUBMITS_PER_HOUR: "1000" },
    });
    const post = (body: unknown) =>
      fetch(`${server?.origin}/api/pledge`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    // Warm-up: the dev server builds the function on its first call, which is not under test.
    expect((await post({ ...validValues(), intent: "check" })).status).toBe(200);
    const issued = Date.now() - 10_000;
    const responses = await Promise.all(
      Array.from({ length: crowd }, async (_, n) =>
        post({
          ...validValues({ name: `${run} ${n}` }),
          intent: "submit",
          token: await issueFormToken(secret, issued),
        }),
      ),
    );
    for (const response of responses) answers.push({ status: response.status, body: await response.text() });
    await server.stop();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("acknowledges every pledge as stored, none as queued and none with a server error", () => {
    expect(answers.map((answer) => answer.status)).toEqual(Array(crowd).fill(201));
  });

  it("shows no stack trace or local path in any answer", () => {
    for (const { body } of answers) {
      expect(body).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\/|\/tmp\//);
    }
  });

  it("has every acknowledged pledge in the embedded database, which opens cleanly after Ctrl-C", async () => {
    const store = await openPgliteStore(join(dataDir, "pglite"));
    try {
      const { rows } = await store.db.query<{ n: number }>(
        "select count(*)::int as n from public.pledges where name like $1",
        [`${run} %`],
      );
      expect(rows[0]?.n).toBe(crowd);
    } finally {
      await store.db.close();
    }
    expect(await readdir(join(dataDir, "queue")).catch(() => [])).toEqual([]);
  });
});
