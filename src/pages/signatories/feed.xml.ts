import type { APIRoute } from "astro";
import { getSiteSettings } from "../../site-settings";
import { atomFeed } from "../../wall/atom-feed";
import { loadWall } from "../../wall/wall-view";

/** An Atom feed of the 50 most recently listed signatories. */
export const GET: APIRoute = async ({ site }) => {
  const settings = await getSiteSettings();
  const body = atomFeed((await loadWall()).newest, {
    site: site ?? "",
    title: `New signatories – ${settings.name}`,
    author: settings.council,
  });
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
