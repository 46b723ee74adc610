/**
 * A campaign launch on 127.0.0.1: 1,000 different pledges sent at once, with double submits,
 * retries and second pledges from the same organisations mixed in. Afterwards the database holds
 * exactly one row per organisation. Then one address sends a burst and the rate limiter answers
 * 429 with Retry-After instead of falling over. Bounded: 1,420 requests, one run each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBuiltSiteServer } from "../../../scripts/lib/built-site-server.ts";
import { readConfig } from "../../../src/config.ts";
import type { ConfirmationIssuer } from "../../../src/pledge/after-storing.ts";
import { issueFormToken } from "../../../src/pledge/form-token.ts";
import { createPledgeService } from "../../../src/pledge/pledge-service.ts";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";
import { createPledgeHandler } from "../../../src/pledge-http/pledge-handler.ts";
import { limitersFrom } from "../../../src/pledge-http/production-dependencies.ts";
import type { PledgeStore } from "../../../src/storage/pledge-store.ts";
import { validValues } from "../../fixtures/pledge-values.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const secret = "load-secret";

async function serve(store: PledgeStore & ConfirmationIssuer, limiters: ReturnType<typeof limitersFrom>) {
  const handler = createPledgeHandler({
    handle: createPledgeService({ store: async () => store, secret, charterVersion: "2020-01", ...limiters }),
    loadShell: async () => "",
    allowedOrigins: [],
    log: () => {},
  });
  return startBuiltSiteServer({ functions: { "/api/pledge": handler } });
}

const post = (origin: string, body: unknown) =>
  fetch(`${origin}/api/pledge`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe.each(storeTargets)("a burst of pledges on $name", ({ open }) => {
  let target: StoreTarget;
  beforeAll(async () => {
    target = await open({ poolSize: 20 });
  }, 60_000);
  afterAll(() => target?.close());

  it("stores exactly one row per organisation, whatever is sent twice", async () => {
    const unlimited = () => new RateLimiter([{ limit: Number.MAX_SAFE_INTEGER, windowSeconds: 1 }]);
    const server = await serve(target.store, { checkLimiter: unlimited(), submitLimiter: unlimited() });
    try {
      const issued = Date.now() - 10_000;
      const pledges = await Promise.all(
        Array.from({ length: 1000 }, async () => ({
          ...validValues(),
          intent: "submit",
          token: await issueFormToken(secret, issued),
        })),
      );
      const doubleSubmits = pledges.slice(0, 200);
      const secondPledges = await Promise.all(
        pledges.slice(200, 300).map(async (pledge) => ({ ...pledge, token: await issueFormToken(secret, issued) })),
      );
      const before = await target.count();
      const responses = await Promise.all(
        [...pledges, ...doubleSubmits, ...secondPledges].map((body) => post(server.origin, body)),
      );
      // Retries of 100 pledges after their first answer: a client that never saw the response.
      const retries = await Promise.all(pledges.slice(500, 600).map((body) => post(server.origin, body)));
      const statuses = [...responses, ...retries].map((response) => response.status);
      expect(statuses.filter((status) => status !== 201)).toEqual([]);
      expect(statuses).toHaveLength(1400);
      expect((await target.count()) - before).toBe(1000);
    } finally {
      await server.close();
    }
  }, 120_000);

  it("answers a burst from one address with 429 and Retry-After beyond the limit", async () => {
    const server = await serve(target.store, limitersFrom(readConfig(() => undefined).rateLimits));
    try {
      const issued = Date.now() - 10_000;
      const burst = await Promise.all(
        Array.from({ length: 20 }, async () => ({
          ...validValues(),
          intent: "submit",
          token: await issueFormToken(secret, issued),
        })),
      );
      const responses = await Promise.all(burst.map((body) => post(server.origin, body)));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(15);
      for (const response of responses.filter((r) => r.status === 429)) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(((await response.json()) as { message: string }).message).toMatch(/Wait a few minutes/);
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
