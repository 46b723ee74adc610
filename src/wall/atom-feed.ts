/**
 * The Atom feed of the most recently listed signatories. Every stored value goes through
 * escapeXml, which also leaves out what XML 1.0 cannot hold, so one odd character in a name
 * cannot make the whole feed unreadable.
 */
import { escapeXml } from "../xml.ts";
import type { PublicSignatory } from "./public-signatories.ts";
import { actionNames, kindName, newestFirst, signatoryPath } from "./wall-view.ts";

export const feedSize = 50;

export interface FeedSettings {
  /** The site's public address, which every link and id in the feed is under. */
  site: URL | string;
  title: string;
  author: string;
}

export function atomFeed(signatories: PublicSignatory[], settings: FeedSettings): string {
  const latest = newestFirst(signatories).slice(0, feedSize);
  const url = (path: string) => escapeXml(new URL(path, settings.site).href);
  const updated = latest[0]?.listed_at ?? new Date(0).toISOString();
  const entries = latest
    .map(
      (signatory) => `  <entry>
    <id>${url(signatoryPath(signatory))}</id>
    <title>${escapeXml(signatory.name)}</title>
    <link href="${url(signatoryPath(signatory))}"/>
    <updated>${escapeXml(new Date(signatory.listed_at).toISOString())}</updated>
    <summary>${escapeXml(`${kindName(signatory.kind)}. ${actionNames(signatory.actions).join("; ")}`)}</summary>
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
