/**
 * The build reads the wall in a process of its own, which hands the snapshot over as lines of
 * JSON: what arrives must be what was read, in order, whatever the text holds.
 */

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { PublicSignatory } from "../../../src/wall/public-signatories.ts";
import type { WallSnapshot } from "../../../src/wall/wall-snapshot.ts";
import { linesOf, wallSnapshotFromLines, writeWallSnapshotLines } from "../../../src/wall/wall-snapshot-process.ts";
import { naughtyStrings } from "../../fixtures/naughty-strings.ts";

const signatory = (index: number, name: string): PublicSignatory => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  name,
  kind: "business",
  ward: index % 2 ? "bedwell" : null,
  website: index % 3 ? null : "https://example.com/",
  actions: ["shop-local-and-volunteer"],
  commitment: `${name}\n${name}`,
  target_date: null,
  listed_at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
});

async function handOver(snapshot: WallSnapshot, highWaterMark?: number): Promise<WallSnapshot> {
  const pipe = new PassThrough({ highWaterMark });
  const written = writeWallSnapshotLines(
    snapshot,
    (line) => pipe.write(line),
    () => new Promise((resolve) => pipe.once("drain", () => resolve())),
  ).then(() => pipe.end());
  const [read] = await Promise.all([wallSnapshotFromLines(linesOf(pipe.setEncoding("utf8"))), written]);
  return read;
}

describe("handing the wall's snapshot from the reading process to the build", () => {
  const snapshot: WallSnapshot = {
    version: { version: "abc123", approved: 12, lastDecidedAt: "2026-01-01T00:00:12.000Z" },
    progress: [
      { measure: "total", category: null, pledges: 12 },
      { measure: "kind", category: "business", pledges: 7 },
    ],
    signatories: naughtyStrings.map(({ text }, index) => signatory(index, text)),
    commitments: naughtyStrings.map(({ text }, index) => ({
      id: `10000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      signatory_id: signatory(index, text).id,
      action_id: index % 2 ? "buying-locally" : null,
      status: "done",
      status_since: "2026-06-01T09:00:00.000Z",
      evidence_url: index % 3 ? null : `https://example.com/${index}`,
      note: text,
      evidence_accepted_at: index % 3 ? null : "2026-06-01T09:00:00.000Z",
    })),
    checkInDates: [{ signatory_id: signatory(1, "A").id, last_check_in_at: "2026-06-01T09:00:00.000Z" }],
    impact: [{ subject_kind: "all", subject: null, ward: null, quarter: "2026-Q2", status: "done", commitments: 7 }],
    formerSignatories: [
      {
        id: "20000000-0000-4000-8000-000000000001",
        listed_at: "2026-01-01T00:00:00.000Z",
        withdrawn_at: "2026-03-01T00:00:00.000Z",
      },
    ],
  };

  it("arrives whole and in order, hostile text and line breaks included", async () => {
    expect(await handOver(snapshot)).toEqual(snapshot);
  });

  it("arrives whole when the build reads slower than the process writes", async () => {
    expect(await handOver(snapshot, 16)).toEqual(snapshot);
  });

  it("arrives as an empty wall with its version and totals", async () => {
    const empty = {
      ...snapshot,
      signatories: [],
      commitments: [],
      checkInDates: [],
      impact: [],
      formerSignatories: [],
    };
    expect(await handOver(empty)).toEqual(empty);
  });

  it("fails when the process stops before the version and totals", async () => {
    await expect(wallSnapshotFromLines(["", `${JSON.stringify({ signatory: signatory(1, "A") })}`])).rejects.toThrow(
      /version and totals/,
    );
  });
});
