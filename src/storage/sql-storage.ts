/**
 * What the adapters that speak SQL directly (PGlite, PostgreSQL) share: the data lifecycle and
 * moderation, both run as service_role through the one statement runner each adapter provides.
 */
import type { PledgeLifecycle, PledgeModeration } from "./pledge-store.ts";
import { type RunAsServiceRole, sqlLifecycle } from "./sql-lifecycle.ts";
import { sqlModeration } from "./sql-moderation.ts";

export abstract class SqlStorage implements PledgeLifecycle, PledgeModeration {
  readonly #lifecycle: PledgeLifecycle;
  readonly #moderation: PledgeModeration;

  protected constructor(run: RunAsServiceRole) {
    this.#lifecycle = sqlLifecycle(run);
    this.#moderation = sqlModeration(run);
  }

  erase(pledgeId: string) {
    return this.#lifecycle.erase(pledgeId);
  }

  applyRetention(periods: Parameters<PledgeLifecycle["applyRetention"]>[0]) {
    return this.#lifecycle.applyRetention(periods);
  }

  list(filter?: Parameters<PledgeModeration["list"]>[0]) {
    return this.#moderation.list(filter);
  }

  show(idOrReference: string) {
    return this.#moderation.show(idOrReference);
  }

  setStatus(change: Parameters<PledgeModeration["setStatus"]>[0]) {
    return this.#moderation.setStatus(change);
  }

  exportAll() {
    return this.#moderation.exportAll();
  }
}
