import type { APIRoute } from "astro";
import { fillTemplate } from "../../fill-template";
import { getSiteSettings } from "../../site-settings";
import { atomFeed } from "../../wall/atom-feed";
import { levelOf, levelWords } from "../../wall/levels-content";
import { loadStandings } from "../../wall/wall-standings";
import { loadWall } from "../../wall/wall-view";

const say = (text: string, values: Record<string, string>) => fillTemplate(text, values, "content/levels.yaml");

/** An Atom feed of the 50 latest listings and recognition levels reached. */
export const GET: APIRoute = async ({ site }) => {
  const settings = await getSiteSettings();
  const body = atomFeed(
    (await loadWall()).newest,
    { site: site ?? "", title: say(levelWords.feed.title, { site: settings.name }), author: settings.council },
    {
      standings: (await loadStandings()).standings,
      title: (signatory, level) => say(levelWords.feed.reached, { name: signatory.name, level: levelOf(level).name }),
      summary: (level) => levelOf(level).description,
    },
  );
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
