/**
 * Decided once, at start-up, like the store: Netlify Blobs inside Netlify (where the function
 * environment carries the Blobs context), otherwise a folder beside the embedded database.
 */
import { embeddedQueueDir } from "../local-data.ts";
import { type Env, isOnNetlify } from "../runtime-env.ts";
import type { PledgeQueue } from "./pledge-queue.ts";

export type QueueChoice = { kind: "blobs" } | { kind: "folder"; dir: string };

export function queueChoiceFrom(env: Env): QueueChoice {
  return isOnNetlify(env) ? { kind: "blobs" } : { kind: "folder", dir: env("PLEDGE_QUEUE_DIR") ?? embeddedQueueDir };
}

export async function openQueue(choice: QueueChoice): Promise<PledgeQueue> {
  if (choice.kind === "blobs") return new (await import("./blobs-queue.ts")).BlobsQueue();
  return new (await import("./folder-queue.ts")).FolderQueue(choice.dir);
}
