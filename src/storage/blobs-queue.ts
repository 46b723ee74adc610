/** The pledge queue in Netlify Blobs, for production: durable across function instances. */
import { getStore, type Store } from "@netlify/blobs";
import type { PledgeQueue } from "./pledge-queue.ts";
import type { NewPledge } from "./pledge-store.ts";

export const queueStoreName = "pledge-queue";

export class BlobsQueue implements PledgeQueue {
  readonly #store: Store;

  /** Inside a Netlify Function the store configures itself; tests pass a local server's details. */
  constructor(options?: { siteID: string; token: string; apiURL: string }) {
    this.#store = options
      ? getStore({ name: queueStoreName, consistency: "strong", ...options })
      : getStore({ name: queueStoreName, consistency: "strong" });
  }

  async enqueue(pledge: NewPledge): Promise<void> {
    await this.#store.setJSON(pledge.idempotency_key, pledge);
  }

  async keys(): Promise<string[]> {
    const { blobs } = await this.#store.list();
    return blobs.map((blob) => blob.key).sort();
  }

  async read(key: string): Promise<NewPledge | undefined> {
    return ((await this.#store.get(key, { type: "json" })) as NewPledge | null) ?? undefined;
  }

  async remove(key: string): Promise<void> {
    await this.#store.delete(key);
  }
}
