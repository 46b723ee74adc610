/**
 * Reads the wall's snapshot in a short-lived process of its own and hands it over as lines of
 * JSON: the version, the totals, the impact counts and the former signatories, then one
 * signatory, commitment or check-in date a line, so neither side ever holds the whole wall as
 * one string. The build's own process then never loads the embedded database, whose
 * WebAssembly, with V8's optimising compiler at work on it, held about 600 MB of the build's peak
 * at any wall size. The reading process runs Liftoff only, V8's baseline WebAssembly compiler:
 * for one read, optimising PostgreSQL's code costs far more memory than it saves time.
 */
import { spawn } from "node:child_process";
import type { WallSnapshot } from "./wall-snapshot.ts";

type Row<List extends keyof WallSnapshot> = WallSnapshot[List] extends (infer Item)[] ? Item : never;

type Line =
  | { version: WallSnapshot["version"] }
  | { progress: WallSnapshot["progress"] }
  | { impact: WallSnapshot["impact"] }
  | { formerSignatories: WallSnapshot["formerSignatories"] }
  | { signatory: Row<"signatories"> }
  | { commitment: Row<"commitments"> }
  | { checkInDate: Row<"checkInDates"> };

/** Writes a snapshot as its lines, waiting when the reader is behind. */
export async function writeWallSnapshotLines(
  snapshot: WallSnapshot,
  write: (line: string) => boolean,
  drained: () => Promise<void>,
): Promise<void> {
  const send = async (line: Line) => {
    if (!write(`${JSON.stringify(line)}\n`)) await drained();
  };
  await send({ version: snapshot.version });
  await send({ progress: snapshot.progress });
  await send({ impact: snapshot.impact });
  await send({ formerSignatories: snapshot.formerSignatories });
  for (const signatory of snapshot.signatories) await send({ signatory });
  for (const commitment of snapshot.commitments) await send({ commitment });
  for (const checkInDate of snapshot.checkInDates) await send({ checkInDate });
}

/** Reads a snapshot back from its lines, in the order they were written. */
export async function wallSnapshotFromLines(lines: AsyncIterable<string> | Iterable<string>): Promise<WallSnapshot> {
  const snapshot: Partial<WallSnapshot> & Pick<WallSnapshot, "signatories" | "commitments" | "checkInDates"> = {
    signatories: [],
    commitments: [],
    checkInDates: [],
  };
  for await (const text of lines) {
    if (text === "") continue;
    const line = JSON.parse(text) as Line;
    if ("signatory" in line) snapshot.signatories.push(line.signatory);
    else if ("commitment" in line) snapshot.commitments.push(line.commitment);
    else if ("checkInDate" in line) snapshot.checkInDates.push(line.checkInDate);
    else if ("version" in line) snapshot.version = line.version;
    else if ("progress" in line) snapshot.progress = line.progress;
    else if ("impact" in line) snapshot.impact = line.impact;
    else snapshot.formerSignatories = line.formerSignatories;
  }
  const { version, progress, impact, formerSignatories, ...rows } = snapshot;
  if (!version || !progress || !impact || !formerSignatories)
    throw new Error("the wall's snapshot ended before its version and totals");
  return { version, progress, impact, formerSignatories, ...rows };
}

/**
 * A stream's text split at "\n" only: JSON escapes every line feed in a value, whereas readline
 * would also split at characters JSON leaves as they are (U+2028 and U+2029 among them).
 */
export async function* linesOf(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    yield* lines;
  }
  if (rest !== "") yield rest;
}

/** Runs the module at `entry` (which writes a snapshot's lines to stdout) and reads its snapshot. */
export async function readWallSnapshotApart(entry: URL): Promise<WallSnapshot> {
  const child = spawn(process.execPath, ["--liftoff-only", entry.pathname], {
    stdio: ["ignore", "pipe", "inherit"],
    env: process.env,
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`reading the wall's snapshot failed (${signal ?? `exit ${code}`})`)),
    );
  });
  const [snapshot] = await Promise.all([wallSnapshotFromLines(linesOf(child.stdout.setEncoding("utf8"))), exited]);
  return snapshot;
}
