/** The wall's rows and version come from one read per build, whichever loader asks first. */
import { describe, expect, it } from "vitest";
import { shareSnapshot } from "../../../src/wall/wall-snapshot.ts";

function counter() {
  let reads = 0;
  return { take: shareSnapshot<number, "rows" | "version">(async () => ++reads), reads: () => reads };
}

describe("sharing one wall snapshot between the two loaders", () => {
  it("gives the rows and the version the same read, in either order", async () => {
    const first = counter();
    expect([await first.take("rows"), await first.take("version")]).toEqual([1, 1]);
    const second = counter();
    expect([await second.take("version"), await second.take("rows")]).toEqual([1, 1]);
  });

  it("reads afresh for the next build once both have had theirs", async () => {
    const { take, reads } = counter();
    await take("rows");
    await take("version");
    expect([await take("version"), await take("rows")]).toEqual([2, 2]);
    expect(reads()).toBe(2);
  });

  it("never hands one loader the same read twice", async () => {
    const { take } = counter();
    expect([await take("rows"), await take("rows"), await take("rows")]).toEqual([1, 2, 3]);
  });
});
