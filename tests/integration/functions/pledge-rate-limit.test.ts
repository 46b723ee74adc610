/**
 * The pledge function limits a client by network: every address in one IPv6 /64 shares one
 * limit, however it is written, while a neighbouring /64 has its own.
 */
import { describe, expect, it } from "vitest";
import { createPledgeService } from "../../../src/pledge/pledge-service.ts";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";
import { createPledgeHandler } from "../../../src/pledge-http/pledge-handler.ts";
import { validValues } from "../../fixtures/pledge-values.ts";

const site = "https://charter.example";

function handlerAllowingOneCheckAMinute() {
  return createPledgeHandler({
    handle: createPledgeService({
      store: async () => {
        throw new Error("a check never reaches the database");
      },
      secret: "test-secret",
      charterVersion: "2020-01",
      checkLimiter: new RateLimiter([{ limit: 1, windowSeconds: 60 }]),
      submitLimiter: new RateLimiter([{ limit: 1, windowSeconds: 60 }]),
      now: () => Date.parse("2026-11-30T10:00:00Z"),
    }),
    loadShell: async () => "<!doctype html><html><body><main></main></body></html>",
    allowedOrigins: [],
    log: () => {},
  });
}

const check = (handler: ReturnType<typeof createPledgeHandler>, ip: string) =>
  handler(
    new Request(`${site}/api/pledge`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: site },
      body: JSON.stringify({ ...validValues(), intent: "check" }),
    }),
    { ip },
  ).then((response) => response.status);

describe("the pledge function's limit per network", () => {
  it("counts another address in the same IPv6 /64, written another way, as the same client", async () => {
    const handler = handlerAllowingOneCheckAMinute();
    expect(await check(handler, "2001:db8:a:b::1")).toBe(200);
    expect(await check(handler, "2001:0DB8:000A:000B:1234:5678:9abc:def0")).toBe(429);
  });

  it("counts a neighbouring /64 as another client", async () => {
    const handler = handlerAllowingOneCheckAMinute();
    expect(await check(handler, "2001:db8:a:b::1")).toBe(200);
    expect(await check(handler, "2001:db8:a:c::1")).toBe(200);
  });

  it("counts an IPv4 address written as IPv6 as that IPv4 client", async () => {
    const handler = handlerAllowingOneCheckAMinute();
    expect(await check(handler, "192.0.2.10")).toBe(200);
    expect(await check(handler, "::ffff:192.0.2.10")).toBe(429);
  });
});
