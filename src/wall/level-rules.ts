/**
 * The shape of content/levels.yaml: the recognition levels in order, each after the first with
 * what it takes, when a signatory lapses, and the words shown around them. The rules are data so
 * the council can rename a level or change a threshold without touching code; this schema keeps
 * them ones src/wall/levels.ts can apply.
 */
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case words joined by hyphens");
const text = (max: number) => z.string().trim().min(1).max(max);
/** A sentence that must say where its placeholders go. */
const saying = (max: number, ...placeholders: string[]) =>
  placeholders.reduce((schema, name) => schema.includes(`{${name}}`, { message: `must use {${name}}` }), text(max));

const requirementsSchema = z.strictObject({
  doneWithAcceptedEvidence: z.number().int().positive(),
  acrossEveryBenefit: z.boolean().default(false),
  checkInWithinMonths: z.number().int().positive().optional(),
});

const levelSchema = z.strictObject({
  id: slug,
  // A level's name is said in a sentence ("is now a Partner") and fits on the badge.
  name: text(20),
  description: text(300),
  requires: requirementsSchema.optional(),
});

const wordsSchema = z.strictObject({
  level: text(60),
  since: saying(80, "level", "date"),
  notUpdatedSince: saying(80, "date"),
  lapsed: saying(300, "months"),
  aboutLevels: text(80),
  lapseRule: saying(300, "months"),
  commitments: z.strictObject({
    heading: text(80),
    text: text(300),
    ownWords: text(60),
    status: text(40),
    statusSince: saying(80, "status", "date"),
    evidence: text(40),
    note: text(40),
    statuses: z.strictObject({ planned: text(30), started: text(30), done: text(30), dropped: text(30) }),
  }),
  badge: z.strictObject({
    heading: text(80),
    text: text(300),
    codeLabel: text(60),
    imageAlt: saying(200, "name", "charter"),
    since: saying(40, "date"),
    notUpdatedSince: saying(40, "date"),
    title: saying(200, "name", "level", "charter", "date"),
    titleLapsed: saying(200, "name", "level", "charter", "date"),
    // Said on the badge in place of a level, so it fits where a level's name does.
    former: text(20),
    withdrew: saying(40, "date"),
    // Given no {name} to fill, so a former signatory can never be named on its badge.
    titleFormer: saying(200, "charter", "date"),
  }),
  filter: z.strictObject({ label: text(60), singleFilters: text(80) }),
  former: z.strictObject({
    title: text(65),
    description: z.string().trim().min(20).max(200),
    intro: text(400),
    none: text(80),
    one: text(80),
    some: saying(80, "count"),
    listedOn: text(40),
    withdrawnOn: text(40),
    caption: text(120),
    wallLink: text(80),
  }),
  feed: z.strictObject({ title: saying(120, "site"), reached: saying(120, "name", "level") }),
});

export const levelsFileSchema = z
  .strictObject({
    levels: z.array(levelSchema).min(1),
    lapseAfterMonths: z.number().int().positive(),
    words: wordsSchema,
  })
  .superRefine((file, context) => {
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: "custom", path, message });
    const ids = file.levels.map((level) => level.id);
    if (new Set(ids).size !== ids.length) issue(["levels"], "two levels have the same id");
    file.levels.forEach((level, index) => {
      if (index === 0 && level.requires) issue(["levels", 0, "requires"], "the first level is every approved pledge's");
      if (index > 0 && !level.requires) issue(["levels", index], "every level after the first says what it requires");
      const before = file.levels[index - 1]?.requires;
      if (before && level.requires && level.requires.doneWithAcceptedEvidence < before.doneWithAcceptedEvidence)
        issue(["levels", index, "requires"], "a level requires at least as many done commitments as the one before");
    });
  });

export type LevelsFile = z.infer<typeof levelsFileSchema>;
export type Level = LevelsFile["levels"][number];
export type LevelRequirements = NonNullable<Level["requires"]>;
export type LevelWords = LevelsFile["words"];
