/**
 * The database goes away in the middle of a stream of pledges and comes back. Pledges sent during
 * the outage wait in the queue and are written once the database is back; afterwards the database
 * holds exactly one row per pledge sent, and retries change nothing. On real PostgreSQL the outage
 * is real: the connection runs through a TCP relay on 127.0.0.1 that is cut and restored.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBuiltSiteServer } from "../../../scripts/lib/built-site-server.ts";
import type { ConfirmationIssuer } from "../../../src/pledge/after-storing.ts";
import { issueFormToken } from "../../../src/pledge/form-token.ts";
import { createPledgeService } from "../../../src/pledge/pledge-service.ts";
import { drainQueue } from "../../../src/pledge/queue-drain.ts";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";
import { createPledgeHandler } from "../../../src/pledge-http/pledge-handler.ts";
import { FolderQueue } from "../../../src/storage/folder-queue.ts";
import { type PledgeStore, StorageUnavailableError } from "../../../src/storage/pledge-store.ts";
import { validValues } from "../../fixtures/pledge-values.ts";
import { storeTargets } from "../support/stores.ts";

const secret = "outage-secret";

interface Outage {
  store: PledgeStore & ConfirmationIssuer;
  takeDown(): void;
  bringBack(): void;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** A relay to PostgreSQL that can be cut: open connections are dropped and new ones refused. */
async function tcpRelay(targetPort: number) {
  const sockets = new Set<Socket>();
  let up = true;
  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Each target with a way to take its database away: a cut relay for PostgreSQL, a switch at the port for PGlite. */
const outages = storeTargets.map((target) => ({
  name: target.name,
  open: async (): Promise<Outage> => {
    if (target.name === "PostgreSQL") {
      let relay: Awaited<ReturnType<typeof tcpRelay>> | undefined;
      const opened = await target.open({
        poolSize: 5,
        via: async (url) => {
          const direct = new URL(url);
          relay = await tcpRelay(Number(direct.port || 5432));
          direct.port = String(relay.port);
          return direct.href;
        },
      });
      return {
        store: opened.store,
        takeDown: () => relay?.cut(),
        bringBack: () => relay?.restore(),
        count: opened.count,
        close: async () => {
          await opened.close();
          await relay?.close();
        },
      };
    }
    // The embedded database cannot be unplugged, so its outage is simulated at the port.
    const opened = await target.open();
    let down = false;
    return {
      store: {
        submit: async (pledge) => {
          if (down) throw new StorageUnavailableError("simulated outage");
          return opened.store.submit(pledge);
        },
        issueConfirmationCode: async (reference) => {
          if (down) throw new StorageUnavailableError("simulated outage");
          return opened.store.issueConfirmationCode(reference);
        },
      },
      takeDown: () => {
        down = true;
      },
      bringBack: () => {
        down = false;
      },
      count: opened.count,
      close: opened.close,
    };
  },
}));

describe.each(outages)("an outage of $name in the middle of a stream of pledges", ({ open }) => {
  let outage: Outage;
  let scratch: string;
  beforeAll(async () => {
    outage = await open();
    scratch = await mkdtemp(join(tmpdir(), "pledge-outage-"));
  }, 60_000);
  afterAll(async () => {
    await outage?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("loses no pledge and stores none twice", async () => {
    const queue = new FolderQueue(join(scratch, "queue"));
    const unlimited = () => new RateLimiter([{ limit: Number.MAX_SAFE_INTEGER, windowSeconds: 1 }]);
    const handler = createPledgeHandler({
      handle: createPledgeService({
        store: async () => outage.store,
        queue: async () => queue,
        secret,
        charterVersion: "2020-01",
        checkLimiter: unlimited(),
        submitLimiter: unlimited(),
      }),
      loadShell: async () => "",
      allowedOrigins: [],
      log: () => {},
    });
    const server = await startBuiltSiteServer({ functions: { "/api/pledge": handler } });
    try {
      const issued = Date.now() - 10_000;
      const pledges = await Promise.all(
        Array.from({ length: 300 }, async () => ({
          ...validValues(),
          intent: "submit",
          token: await issueFormToken(secret, issued),
        })),
      );
      const send = (body: unknown) =>
        fetch(`${server.origin}/api/pledge`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }).then((response) => response.status);
      const before = await outage.count();
      const statuses: number[] = [];
      for (let batch = 0; batch < 30; batch++) {
        if (batch === 10) outage.takeDown();
        if (batch === 20) outage.bringBack();
        statuses.push(...(await Promise.all(pledges.slice(batch * 10, batch * 10 + 10).map(send))));
      }
      expect(statuses.filter((status) => status !== 201 && status !== 202)).toEqual([]);
      const queued = statuses.filter((status) => status === 202).length;
      expect(queued).toBeGreaterThanOrEqual(100);
      expect(await queue.keys()).toHaveLength(queued);

      const drained = await drainQueue(queue, outage.store);
      expect(drained).toMatchObject({ stored: queued, waiting: 0 });
      expect(await queue.keys()).toEqual([]);
      expect((await outage.count()) - before).toBe(300);

      // People who never saw an answer send again: nothing changes.
      const retries = await Promise.all(pledges.slice(100, 150).map(send));
      expect(retries.filter((status) => status !== 201)).toEqual([]);
      expect((await outage.count()) - before).toBe(300);
    } finally {
      await server.close();
    }
  }, 120_000);
});
