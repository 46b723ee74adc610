/**
 * A per-client sliding window, in the spirit of the UK Parliament petitions service: a person
 * never notices it; a script sending hundreds of pledges from one address is told to wait.
 */

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #rules: RateLimitRule[];
  readonly #maxClients: number;

  constructor(rules: RateLimitRule[], maxClients = 10_000) {
    this.#rules = rules;
    this.#maxClients = maxClients;
  }

  take(client: string, now: number): RateDecision {
    const longest = Math.max(...this.#rules.map((rule) => rule.windowSeconds)) * 1000;
    const recent = (this.#hits.get(client) ?? []).filter((time) => now - time < longest);
    for (const rule of this.#rules) {
      const windowStart = now - rule.windowSeconds * 1000;
      const inWindow = recent.filter((time) => time > windowStart);
      if (inWindow.length >= rule.limit) {
        const oldest = inWindow[inWindow.length - rule.limit] ?? now;
        this.#hits.set(client, recent);
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + rule.windowSeconds * 1000 - now) / 1000)),
        };
      }
    }
    recent.push(now);
    this.#hits.delete(client);
    this.#hits.set(client, recent);
    // Forget the least recently seen clients rather than grow without bound.
    while (this.#hits.size > this.#maxClients) {
      const oldestClient = this.#hits.keys().next().value;
      if (oldestClient === undefined) break;
      this.#hits.delete(oldestClient);
    }
    return { allowed: true };
  }
}
