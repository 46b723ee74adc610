/** The one site-wide settings entry (content/site.yaml), with a clear failure if it goes missing. */
import { getEntry } from "astro:content";

export async function getSiteSettings() {
  const entry = await getEntry("site", "site");
  if (!entry) throw new Error('content/site.yaml must contain an entry with id "site"');
  return entry.data;
}

export type SiteSettings = Awaited<ReturnType<typeof getSiteSettings>>;
