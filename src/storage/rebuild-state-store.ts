/**
 * Where the wall's rebuild check remembers what it saw and asked for between runs: Netlify
 * Blobs inside Netlify (the same choice as the pledge queue), otherwise a small JSON file
 * under .data/, as src/config.ts chooses. Losing it is harmless: the next checks wait for the wall to settle again.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { getStore, type Store } from "@netlify/blobs";
import type { RebuildStateChoice } from "../config.ts";

export const rebuildStateBlobStore = "wall-rebuild";
const stateKey = "state";

/**
 * The port: one small JSON document kept between runs. Its shape belongs to the rebuild check
 * (src/wall/rebuild-trigger.ts), which storage does not import; a missing document reads as {}.
 */
export interface StateStore<State extends object = object> {
  read(): Promise<State>;
  write(state: State): Promise<void>;
}

export type { RebuildStateChoice };

export class FileRebuildStateStore<State extends object = object> implements StateStore<State> {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async read(): Promise<State> {
    const text = await readFile(this.#path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "{}";
      throw error;
    });
    return JSON.parse(text) as State;
  }

  async write(state: State): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    // Written whole, then renamed into place: a reader never sees half a state.
    const partial = `${this.#path}.${process.pid}.partial`;
    await writeFile(partial, `${JSON.stringify(state, null, 2)}\n`);
    await rename(partial, this.#path);
  }
}

export class BlobsRebuildStateStore<State extends object = object> implements StateStore<State> {
  readonly #store: Store;

  /** Inside a Netlify Function the store configures itself; tests pass a local server's details. */
  constructor(options?: { siteID: string; token: string; apiURL: string }) {
    this.#store = options
      ? getStore({ name: rebuildStateBlobStore, consistency: "strong", ...options })
      : getStore({ name: rebuildStateBlobStore, consistency: "strong" });
  }

  async read(): Promise<State> {
    return ((await this.#store.get(stateKey, { type: "json" })) as State | null) ?? ({} as State);
  }

  async write(state: State): Promise<void> {
    await this.#store.setJSON(stateKey, state);
  }
}

export function openRebuildStateStore<State extends object>(choice: RebuildStateChoice): StateStore<State> {
  return choice.kind === "blobs" ? new BlobsRebuildStateStore<State>() : new FileRebuildStateStore<State>(choice.path);
}
