/**
 * Opens the pledge queue src/config.ts chooses: Netlify Blobs inside Netlify (where the function
 * environment carries the Blobs context), otherwise a folder beside the embedded database.
 */
import type { QueueChoice } from "../config.ts";
import type { PledgeQueue } from "./pledge-queue.ts";

export type { QueueChoice };

export async function openQueue(choice: QueueChoice): Promise<PledgeQueue> {
  if (choice.kind === "blobs") return new (await import("./blobs-queue.ts")).BlobsQueue();
  return new (await import("./folder-queue.ts")).FolderQueue(choice.dir);
}
