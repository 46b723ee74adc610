/** The pledge queue as a folder of JSON files, one per idempotency key: the embedded setup's. */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PledgeQueue, SetAsidePledge } from "./pledge-queue.ts";
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

  get #setAsideDir() {
    return join(this.#dir, "set-aside");
  }

  async enqueue(pledge: NewPledge): Promise<void> {
    await writeWhole(this.#dir, this.#file(pledge.idempotency_key), pledge);
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

  async setAside(key: string, reason: string, at = new Date()): Promise<void> {
    const pledge = await this.read(key);
    if (!pledge) return;
    // Kept in its new place before it leaves the queue: a crash in between leaves two copies, never none.
    const entry: SetAsidePledge = { pledge, reason, setAsideAt: at.toISOString() };
    await writeWhole(this.#setAsideDir, join(this.#setAsideDir, `${key}.json`), entry);
    await this.remove(key);
  }

  async removeSetAside(key: string): Promise<void> {
    await rm(join(this.#setAsideDir, `${key}.json`), { force: true });
  }

  async setAsidePledges(): Promise<SetAsidePledge[]> {
    const names = await readdir(this.#setAsideDir).catch(() => [] as string[]);
    const entries = await Promise.all(
      names
        .filter((name) => name.endsWith(".json"))
        .sort()
        .map(async (name) => JSON.parse(await readFile(join(this.#setAsideDir, name), "utf8")) as SetAsidePledge),
    );
    return entries;
  }
}

/** Written whole, then renamed into place: a reader never sees half a file. */
async function writeWhole(dir: string, file: string, value: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  const partial = `${file}.${process.pid}.${crypto.randomUUID()}.partial`;
  await writeFile(partial, JSON.stringify(value), { mode: 0o600 });
  await rename(partial, file);
}
