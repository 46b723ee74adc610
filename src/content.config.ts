/**
 * Every word on the site lives in content/ and is validated here, so a typo in a YAML file
 * fails the build with a message instead of shipping a broken page.
 */
import { defineCollection } from "astro:content";
import { file, glob, type Loader } from "astro/loaders";
import { z } from "zod";
import {
  actionGuideSchema,
  actionSchema,
  benefitSchema,
  faqSchema,
  pageSchema,
  publicSignatorySchema,
  siteSchema,
} from "./content-schemas";
import {
  checkInDateSchema,
  formerSignatorySchema,
  impactRowSchema,
  publicCommitmentSchema,
} from "./wall/commitment-rows";
import { progressCountSchema } from "./wall/progress";
import { handOverWallRows } from "./wall/wall-rows-handover";
import { shareSnapshot, type WallSnapshot } from "./wall/wall-snapshot";
import { readWallSnapshotApart } from "./wall/wall-snapshot-process";
import { wallVersionSchema } from "./wall/wall-version";

/**
 * The signatory wall, its version, its totals, the signatories' commitments and check-in dates,
 * the impact counts and the former signatories, read at build time from the database's public
 * read path only, in a process of its own (src/read-wall-snapshot.ts chooses the reader).
 */
const wallSnapshot = shareSnapshot<
  WallSnapshot,
  "signatories" | "version" | "progress" | "impact" | "formerSignatories"
>(() => readWallSnapshotApart(new URL("./read-wall-snapshot.ts", import.meta.url)));

// The loaders have one name, so a selective content refresh runs all or none.
const publicWall = "public-wall";

const publicSignatories: Loader = {
  name: publicWall,
  load: async ({ store, parseData, logger }) => {
    const { signatories: rows, commitments, checkInDates } = await wallSnapshot("signatories");
    store.clear();
    for (const row of rows) store.set({ id: row.id, data: await parseData({ id: row.id, data: { ...row } }) });
    logger.info(`${rows.length} public signatories`);
    // Out of the content store (src/wall/wall-rows-handover.ts says why), but checked the same way.
    handOverWallRows({
      commitments: commitments.map((row) => parsedRow(publicCommitmentSchema, row, `commitment ${row.id}`)),
      checkInDates: checkInDates.map((row) =>
        parsedRow(checkInDateSchema, row, `check-in date of ${row.signatory_id}`),
      ),
    });
    logger.info(`${commitments.length} commitments, ${checkInDates.length} check-in dates`);
  },
};

const publicWallVersion: Loader = {
  name: publicWall,
  load: async ({ store, parseData, logger }) => {
    const { version } = await wallSnapshot("version");
    store.clear();
    store.set({ id: "current", data: await parseData({ id: "current", data: { ...version } }) });
    logger.info(`wall version ${version.version}`);
  },
};

const publicProgress: Loader = {
  name: publicWall,
  load: async ({ store, parseData }) => {
    const { progress } = await wallSnapshot("progress");
    store.clear();
    for (const [index, row] of progress.entries()) {
      const id = String(index);
      store.set({ id, data: await parseData({ id, data: { ...row } }) });
    }
  },
};

/** A row the database handed out in another shape fails the build, naming the row. */
function parsedRow<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success)
    throw new Error(`The wall's ${what} does not match its schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Rows kept in the order the database gave them, each under its own id or, with none, its place. */
const snapshotRows = <List extends "impact" | "formerSignatories">(
  list: List,
  idOf: (row: WallSnapshot[List][number], index: number) => string,
): Loader => ({
  name: publicWall,
  load: async ({ store, parseData, logger }) => {
    const rows: WallSnapshot[List][number][] = (await wallSnapshot(list))[list];
    store.clear();
    for (const [index, row] of rows.entries()) {
      const id = idOf(row, index);
      store.set({ id, data: await parseData({ id, data: { ...row } }) });
    }
    logger.info(`${rows.length} ${list} rows`);
  },
});

export const collections = {
  site: defineCollection({ loader: file("content/site.yaml"), schema: siteSchema }),
  benefits: defineCollection({ loader: file("content/benefits.json"), schema: benefitSchema }),
  actions: defineCollection({ loader: file("content/actions.json"), schema: actionSchema }),
  actionGuides: defineCollection({ loader: file("content/action-guides.yaml"), schema: actionGuideSchema }),
  faq: defineCollection({ loader: file("content/faq.yaml"), schema: faqSchema }),
  signatories: defineCollection({ loader: publicSignatories, schema: publicSignatorySchema }),
  wallVersion: defineCollection({ loader: publicWallVersion, schema: wallVersionSchema }),
  progress: defineCollection({ loader: publicProgress, schema: progressCountSchema }),
  impact: defineCollection({ loader: snapshotRows("impact", (_row, index) => String(index)), schema: impactRowSchema }),
  formerSignatories: defineCollection({
    loader: snapshotRows("formerSignatories", (row) => row.id),
    schema: formerSignatorySchema,
  }),
  pages: defineCollection({ loader: glob({ pattern: "*.mdx", base: "content/pages" }), schema: pageSchema }),
};
