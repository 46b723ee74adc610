/**
 * The signatories' commitments and check-in dates, handed from the wall's content loader
 * (src/content.config.ts) to the pages of the same build in memory instead of through Astro's
 * content store. Everything in that store is written into the build as one JavaScript module,
 * which the bundler then reads twice (the server and the prerendered pages) and the Netlify
 * adapter parses again when it traces the server function: with 10,000 signatories these rows
 * were three quarters of the store and took the build about 250 MB over its 1 GB budget.
 *
 * The loader and the pages are two copies of our modules (the content configuration runs in
 * Vite's module runner, the pages from the built chunks), in one process: so the rows are kept on
 * the process's global object, under a registered symbol both copies find. They come from the
 * same snapshot as the signatories, taken by the same loader call.
 */
import type { CheckInDateRow, PublicCommitmentRow } from "./commitment-rows.ts";

export interface HandedOverRows {
  commitments: PublicCommitmentRow[];
  checkInDates: CheckInDateRow[];
}

const slot = Symbol.for("stevenage-charter.wall-rows");
type WithSlot = typeof globalThis & { [slot]?: HandedOverRows };

export function handOverWallRows(rows: HandedOverRows): void {
  (globalThis as WithSlot)[slot] = rows;
}

export function handedOverWallRows(): HandedOverRows {
  const rows = (globalThis as WithSlot)[slot];
  if (!rows) {
    throw new Error(
      "the wall's commitments and check-in dates were not handed over: the content loader runs before any page in the same process",
    );
  }
  return rows;
}
