/**
 * content/levels.yaml as the wall's pages use it: the rules, checked against their schema, and
 * the sentences a standing is told in (the page, the list, the badge, the feed). The file is
 * inlined when the site is built (Vite's ?raw), so only the build's pages and endpoints import
 * this module, never a function, whose bundler cannot.
 */
import { load } from "js-yaml";
import source from "../../content/levels.yaml?raw";
import { fillTemplate } from "../fill-template.ts";
import { pledgeCatalogue } from "../pledge/pledge-catalogue.ts";
import type { BadgeText } from "./badge.ts";
import type { FormerSignatoryRow } from "./commitment-rows.ts";
import { type Level, levelsFileSchema } from "./level-rules.ts";
import type { LevelContext, Standing } from "./levels.ts";
import { listedDate } from "./wall-view.ts";

export const levelsContent = levelsFileSchema.parse(load(source));
export const levelWords = levelsContent.words;

const levelsById = new Map(levelsContent.levels.map((level) => [level.id, level]));

export function levelOf(id: string): Level {
  const level = levelsById.get(id);
  if (!level) throw new Error(`content/levels.yaml has no level "${id}"`);
  return level;
}

export const levelOptions = () => levelsContent.levels.map(({ id, name }) => ({ id, name }));

const benefitOfAction = new Map(
  pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions.map((action) => [action.id, benefit.id] as const)),
);

/** The rules of content/levels.yaml and the charter's benefits, applied at the moment given. */
export const levelContext = (now: Date): LevelContext => ({
  rules: levelsContent,
  now,
  benefitOf: (actionId) => benefitOfAction.get(actionId),
  benefits: pledgeCatalogue.benefits.map((benefit) => benefit.id),
});

const say = (text: string, values: Record<string, string>) => fillTemplate(text, values, "content/levels.yaml");

/** "Partner since 3 March 2027". */
export const levelSince = (standing: Standing) =>
  say(levelWords.since, { level: levelOf(standing.level).name, date: listedDate(standing.since) });

/** "Not updated since 3 March 2027". */
export const notUpdatedSince = (standing: Standing) =>
  say(levelWords.notUpdatedSince, { date: listedDate(standing.lastUpdated) });

export function badgeText(
  signatory: { name: string },
  standing: Standing,
  charter: { name: string; shortName: string },
): BadgeText {
  const words = levelWords.badge;
  const level = levelOf(standing.level).name;
  const date = listedDate(standing.lapsed ? standing.lastUpdated : standing.since);
  return {
    title: say(standing.lapsed ? words.titleLapsed : words.title, {
      name: signatory.name,
      level,
      charter: charter.name,
      date,
    }),
    charter: charter.shortName,
    level,
    detail: say(standing.lapsed ? words.notUpdatedSince : words.since, { date }),
    grey: standing.lapsed,
  };
}

/** The badge left at a withdrawn signatory's address: grey, dated, and naming no one. */
export function formerBadgeText(former: FormerSignatoryRow, charter: { name: string; shortName: string }): BadgeText {
  const words = levelWords.badge;
  const date = listedDate(former.withdrawn_at);
  return {
    title: say(words.titleFormer, { charter: charter.name, date }),
    charter: charter.shortName,
    level: words.former,
    detail: say(words.withdrew, { date }),
    grey: true,
  };
}

/** The alt text of the badge in the snippet an organisation copies. */
export const badgeAlt = (signatory: { name: string }, charter: { name: string }) =>
  say(levelWords.badge.imageAlt, { name: signatory.name, charter: charter.name });
