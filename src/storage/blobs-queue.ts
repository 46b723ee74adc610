/** The pledge queue in Netlify Blobs, for production: durable across function instances. */
import { getStore, type Store } from "@netlify/blobs";
import type { PledgeQueue, SetAsidePledge } from "./pledge-queue.ts";
import type { NewPledge } from "./pledge-store.ts";

export const queueStoreName = "pledge-queue";
export const setAsideStoreName = "pledge-queue-set-aside";

export class BlobsQueue implements PledgeQueue {
  readonly #store: Store;
  readonly #setAside: Store;

  /** Inside a Netlify Function the store configures itself; tests pass a local server's details. */
  constructor(options?: { siteID: string; token: string; apiURL: string }) {
    const open = (name: string) =>
      options ? getStore({ name, consistency: "strong", ...options }) : getStore({ name, consistency: "strong" });
    this.#store = open(queueStoreName);
    this.#setAside = open(setAsideStoreName);
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

  async setAside(key: string, reason: string, at = new Date()): Promise<void> {
    const pledge = await this.read(key);
    if (!pledge) return;
    // Kept in its new place before it leaves the queue: a crash in between leaves two copies, never none.
    await this.#setAside.setJSON(key, { pledge, reason, setAsideAt: at.toISOString() } satisfies SetAsidePledge);
    await this.remove(key);
  }

  async removeSetAside(key: string): Promise<void> {
    await this.#setAside.delete(key);
  }

  async setAsidePledges(): Promise<SetAsidePledge[]> {
    const { blobs } = await this.#setAside.list();
    const entries = await Promise.all(
      blobs
        .map((blob) => blob.key)
        .sort()
        .map(async (key) => (await this.#setAside.get(key, { type: "json" })) as SetAsidePledge | null),
    );
    return entries.filter((entry): entry is SetAsidePledge => entry !== null);
  }
}
