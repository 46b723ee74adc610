/**
 * Reads the wall's snapshot in a short-lived process of its own and hands it over as lines of
 * JSON: the version, the totals, then one signatory a line, so neither side ever holds the whole
 * wall as one string. The build's own process then never loads the embedded database, whose
 * WebAssembly, with V8's optimising compiler at work on it, held about 600 MB of the build's peak
 * at any wall size. The reading process runs Liftoff only, V8's baseline WebAssembly compiler:
 * for one read, optimising PostgreSQL's code costs far more memory than it saves time.
 */
import { spawn } from "node:child_process";
import type { PublicSignatory } from "./public-signatories.ts";
import type { WallSnapshot } from "./wall-snapshot.ts";

type Line =
  | { version: WallSnapshot["version"] }
  | { progress: WallSnapshot["progress"] }
  | { signatory: PublicSignatory };

/** Writes a snapshot as its lines, waiting when the reader is behind. */
export async function writeWallSnapshotLines(
  snapshot: WallSnapshot,
  write: (line: string) => boolean,
  drained: () => Promise<void>,
): Promise<void> {
  const lines: Line[] = [{ version: snapshot.version }, { progress: snapshot.progress }];
  for (const line of lines) if (!write(`${JSON.stringify(line)}\n`)) await drained();
  for (const signatory of snapshot.signatories) {
    if (!write(`${JSON.stringify({ signatory } satisfies Line)}\n`)) await drained();
  }
}

/** Reads a snapshot back from its lines, in the order they were written. */
export async function wallSnapshotFromLines(lines: AsyncIterable<string> | Iterable<string>): Promise<WallSnapshot> {
  const snapshot: Partial<WallSnapshot> & { signatories: PublicSignatory[] } = { signatories: [] };
  for await (const text of lines) {
    if (text === "") continue;
    const line = JSON.parse(text) as Line;
    if ("signatory" in line) snapshot.signatories.push(line.signatory);
    else if ("version" in line) snapshot.version = line.version;
    else snapshot.progress = line.progress;
  }
  const { version, progress, signatories } = snapshot;
  if (!version || !progress) throw new Error("the wall's snapshot ended before its version and totals");
  return { version, progress, signatories };
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
