/** The pledge queue as a folder of JSON files, one per idempotency key: the embedded setup's. */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PledgeQueue } from "./pledge-queue.ts";
import type { NewPledge } from "./pledge-store.ts";

const keyPattern = /^[0-9a-f-]{36}$/;

export class FolderQueue implements PledgeQueue {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #file(key: string) {
    if (!keyPattern.test(key)) throw new Error("A queued pledge's key is its idempotency key, a UUID");
    return join(this.#dir, `${key}.json`);
  }

  async enqueue(pledge: NewPledge): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const file = this.#file(pledge.idempotency_key);
    // Written whole, then renamed into place: a reader never sees half a pledge.
    const partial = `${file}.${process.pid}.${crypto.randomUUID()}.partial`;
    await writeFile(partial, JSON.stringify(pledge), { mode: 0o600 });
    await rename(partial, file);
  }

  async keys(): Promise<string[]> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith(".json"))
      .map((name) => name.slice(0, -".json".length))
      .filter((key) => keyPattern.test(key))
      .sort();
  }

  async read(key: string): Promise<NewPledge | undefined> {
    const text = await readFile(this.#file(key), "utf8").catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as NewPledge);
  }

  async remove(key: string): Promise<void> {
    await rm(this.#file(key), { force: true });
  }
}
