/**
 * Where the wall's rebuild check remembers what it saw and asked for between runs: Netlify
 * Blobs inside Netlify (the same choice as the pledge queue), otherwise a small JSON file
 * under .data/. Losing it is harmless: the next checks wait for the wall to settle again.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { getStore, type Store } from "@netlify/blobs";
import { embeddedRebuildStateFile } from "../local-data.ts";
import { type Env, isOnNetlify } from "../runtime-env.ts";
import type { RebuildState, RebuildStateStore } from "../wall/rebuild-trigger.ts";

export const rebuildStateBlobStore = "wall-rebuild";
const stateKey = "state";

export type RebuildStateChoice = { kind: "blobs" } | { kind: "file"; path: string };

export function rebuildStateChoiceFrom(env: Env): RebuildStateChoice {
  return isOnNetlify(env)
    ? { kind: "blobs" }
    : { kind: "file", path: env("WALL_REBUILD_STATE_FILE") ?? embeddedRebuildStateFile };
}

export class FileRebuildStateStore implements RebuildStateStore {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async read(): Promise<RebuildState> {
    const text = await readFile(this.#path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "{}";
      throw error;
    });
    return JSON.parse(text) as RebuildState;
  }

  async write(state: RebuildState): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    // Written whole, then renamed into place: a reader never sees half a state.
    const partial = `${this.#path}.${process.pid}.partial`;
    await writeFile(partial, `${JSON.stringify(state, null, 2)}\n`);
    await rename(partial, this.#path);
  }
}

export class BlobsRebuildStateStore implements RebuildStateStore {
  readonly #store: Store;

  /** Inside a Netlify Function the store configures itself; tests pass a local server's details. */
  constructor(options?: { siteID: string; token: string; apiURL: string }) {
    this.#store = options
      ? getStore({ name: rebuildStateBlobStore, consistency: "strong", ...options })
      : getStore({ name: rebuildStateBlobStore, consistency: "strong" });
  }

  async read(): Promise<RebuildState> {
    return ((await this.#store.get(stateKey, { type: "json" })) as RebuildState | null) ?? {};
  }

  async write(state: RebuildState): Promise<void> {
    await this.#store.setJSON(stateKey, state);
  }
}

export function openRebuildStateStore(choice: RebuildStateChoice): RebuildStateStore {
  return choice.kind === "blobs" ? new BlobsRebuildStateStore() : new FileRebuildStateStore(choice.path);
}
