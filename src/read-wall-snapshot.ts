/**
 * Run by the build (src/wall/wall-snapshot-process.ts) in a process of its own: reads the wall's
 * snapshot from the source the configuration names and writes it to stdout as lines of JSON.
 */
import { readConfig } from "./config.ts";
import { openAnyPublicWallReader } from "./storage/choose-any-public-wall-reader.ts";
import { readWallSnapshot } from "./wall/wall-snapshot.ts";
import { writeWallSnapshotLines } from "./wall/wall-snapshot-process.ts";

const snapshot = await readWallSnapshot(openAnyPublicWallReader(readConfig().publicWall));
await writeWallSnapshotLines(
  snapshot,
  (line) => process.stdout.write(line),
  () => new Promise((resolve) => process.stdout.once("drain", () => resolve())),
);
// The embedded database keeps the event loop alive; everything is written once stdout drains.
process.stdout.end(() => process.exit(0));
