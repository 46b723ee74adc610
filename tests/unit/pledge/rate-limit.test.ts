/** The in-memory window: a limited client stays limited however many other clients arrive. */
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../../src/pledge/rate-limit.ts";

const start = Date.parse("2026-11-30T10:00:00Z");
const minute = { limit: 5, windowSeconds: 60 };

function limited(limiter: RateLimiter, client: string, now: number) {
  while (limiter.take(client, now).allowed) {}
}

describe("the rate limiter", () => {
  it("allows a client up to the limit, then asks it to wait until the window moves on", () => {
    const limiter = new RateLimiter([minute]);
    const answers = Array.from({ length: 6 }, (_, index) => limiter.take("192.0.2.1", start + index * 1000));
    expect(answers.slice(0, 5).every((answer) => answer.allowed)).toBe(true);
    expect(answers[5]).toEqual({ allowed: false, retryAfterSeconds: 55 });
    expect(limiter.take("192.0.2.1", start + 60_001).allowed).toBe(true);
  });

  it("keeps a limited client limited through a flood of 100,000 other clients", () => {
    const limiter = new RateLimiter([minute], 1000);
    limited(limiter, "192.0.2.1", start);
    for (let index = 0; index < 100_000; index += 1) limiter.take(`client-${index}`, start + 1 + index / 10);
    expect(limiter.take("192.0.2.1", start + 10_002).allowed).toBe(false);
  });

  it("still serves new clients during a flood, making way with clients under every limit", () => {
    const limiter = new RateLimiter([minute], 1000);
    for (let index = 0; index < 100_000; index += 1) limiter.take(`client-${index}`, start);
    expect(limiter.take("198.51.100.7", start).allowed).toBe(true);
  });

  it("asks a new client to wait while every place is held by a limited client, and never frees one", () => {
    const limiter = new RateLimiter([minute], 3);
    for (const client of ["a", "b", "c"]) limited(limiter, client, start);
    expect(limiter.take("d", start + 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    for (const client of ["a", "b", "c"]) expect(limiter.take(client, start + 20_000).allowed).toBe(false);
  });

  it("forgets a client once its window has passed, making room for others", () => {
    const limiter = new RateLimiter([minute], 3);
    for (const client of ["a", "b", "c"]) limited(limiter, client, start);
    expect(limiter.take("d", start + 60_000).allowed).toBe(true);
    expect(limiter.take("a", start + 60_000).allowed).toBe(true);
  });
});
