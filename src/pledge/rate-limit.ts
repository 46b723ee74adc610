/**
 * A per-client sliding window, in the spirit of the UK Parliament petitions service: a person
 * never notices it; a script sending hundreds of pledges from one address is told to wait.
 */

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The window is held in memory by each function instance, for at most `maxClients` clients.
 * A client is forgotten once its hits have all left the longest window; when every place is
 * still taken, the least recently seen client that is under every limit makes way (it then
 * counts afresh, as any new client does). A client at a limit is never forgotten, so
 * a flood of other clients cannot free it; when every place holds one, a client not seen before
 * is asked to wait until the first place frees.
 */
export class RateLimiter {
  // In the order of each client's latest counted hit, oldest first.
  readonly #hits = new Map<string, number[]>();
  readonly #rules: RateLimitRule[];
  readonly #longestMs: number;
  readonly #maxClients: number;

  constructor(rules: RateLimitRule[], maxClients = 10_000) {
    this.#rules = rules;
    this.#longestMs = Math.max(...rules.map((rule) => rule.windowSeconds)) * 1000;
    this.#maxClients = maxClients;
  }

  take(client: string, now: number): RateDecision {
    this.#forgetExpired(now);
    const known = this.#hits.get(client);
    if (!known && this.#hits.size >= this.#maxClients && !this.#makeWay(now)) {
      return { allowed: false, retryAfterSeconds: this.#secondsUntilAPlaceFrees(now) };
    }
    const recent = (known ?? []).filter((time) => now - time < this.#longestMs);
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
    return { allowed: true };
  }

  /** Clients are in the order of their latest hit, so the expired ones are all at the front. */
  #forgetExpired(now: number) {
    for (const [client, times] of this.#hits) {
      const latest = times.at(-1);
      if (latest !== undefined && now - latest < this.#longestMs) break;
      this.#hits.delete(client);
    }
  }

  /** Forgets the least recently seen client under every limit; false when every client is at one. */
  #makeWay(now: number): boolean {
    for (const [client, times] of this.#hits) {
      if (this.#isLimited(times, now)) continue;
      this.#hits.delete(client);
      return true;
    }
    return false;
  }

  #isLimited(times: number[], now: number): boolean {
    return this.#rules.some(
      (rule) => times.filter((time) => time > now - rule.windowSeconds * 1000).length >= rule.limit,
    );
  }

  #secondsUntilAPlaceFrees(now: number): number {
    const first = this.#hits.values().next().value?.at(-1) ?? now;
    return Math.max(1, Math.ceil((first + this.#longestMs - now) / 1000));
  }
}
