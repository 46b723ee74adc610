/**
 * The Atom feed of what is new on the wall: each signatory listed, and each recognition level a
 * signatory has reached and holds, dated when it was reached; the 50 most recent of them. Every
 * stored value goes through escapeXml, which also leaves out what XML 1.0 cannot hold, so one odd
 * character in a name cannot make the whole feed unreadable.
 */
import { escapeXml } from "../xml.ts";
import type { Standing } from "./levels.ts";
import type { PublicSignatory } from "./public-signatories.ts";
import { actionNames, kindName, signatoryPath } from "./wall-view.ts";

export const feedSize = 50;

export interface FeedSettings {
  /** The site's public address, which every link and id in the feed is under. */
  site: URL | string;
  title: string;
  author: string;
}

/** The levels reached, and how an entry for one is worded (content/levels.yaml). */
export interface FeedLevels {
  standings: ReadonlyMap<string, Standing>;
  title: (signatory: PublicSignatory, level: string) => string;
  summary: (level: string) => string;
}

interface Entry {
  /** Appended to the signatory's address to make the entry's id: "" for the listing itself. */
  fragment: string;
  signatory: PublicSignatory;
  title: string;
  summary: string;
  updated: string;
}

const listing = (signatory: PublicSignatory): Entry => ({
  fragment: "",
  signatory,
  title: signatory.name,
  summary: `${kindName(signatory.kind)}. ${actionNames(signatory.actions).join("; ")}`,
  updated: signatory.listed_at,
});

function levelEntries(signatories: PublicSignatory[], levels: FeedLevels): Entry[] {
  return signatories.flatMap((signatory) =>
    (levels.standings.get(signatory.id)?.reached ?? []).map((reached) => ({
      fragment: `#level-${reached.level}`,
      signatory,
      title: levels.title(signatory, reached.level),
      summary: levels.summary(reached.level),
      updated: reached.at,
    })),
  );
}

const newestFirst = (a: Entry, b: Entry) =>
  Date.parse(b.updated) - Date.parse(a.updated) ||
  a.signatory.id.localeCompare(b.signatory.id) ||
  a.fragment.localeCompare(b.fragment);

export function atomFeed(signatories: PublicSignatory[], settings: FeedSettings, levels?: FeedLevels): string {
  const latest = [...signatories.map(listing), ...(levels ? levelEntries(signatories, levels) : [])]
    .sort(newestFirst)
    .slice(0, feedSize);
  const url = (path: string) => escapeXml(new URL(path, settings.site).href);
  const updated = latest[0]?.updated ?? new Date(0).toISOString();
  const entries = latest
    .map(
      (entry) => `  <entry>
    <id>${url(signatoryPath(entry.signatory) + entry.fragment)}</id>
    <title>${escapeXml(entry.title)}</title>
    <link href="${url(signatoryPath(entry.signatory))}"/>
    <updated>${escapeXml(new Date(entry.updated).toISOString())}</updated>
    <summary>${escapeXml(entry.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeXml(settings.title)}</title>
  <id>${url("/signatories/feed.xml")}</id>
  <link rel="self" href="${url("/signatories/feed.xml")}"/>
  <link href="${url("/signatories/")}"/>
  <updated>${escapeXml(new Date(updated).toISOString())}</updated>
  <author><name>${escapeXml(settings.author)}</name></author>
${entries}
</feed>
`;
}
