import type { APIRoute, GetStaticPaths } from "astro";
import { getSiteSettings } from "../../../site-settings";
import { badgeSvg } from "../../../wall/badge";
import { badgeText, formerBadgeText } from "../../../wall/levels-content";
import type { PublicSignatory } from "../../../wall/public-signatories";
import { type FormerSignatory, loadStandings, standingFor } from "../../../wall/wall-standings";
import { loadWall } from "../../../wall/wall-view";

type Props = { signatory: PublicSignatory } | { former: FormerSignatory };

/**
 * Each listed signatory's badge, built with its page; and, at the same address, a grey badge for
 * each pledge withdrawn after it was listed, so the copy on the organisation's own website says
 * it is a former signatory instead of breaking. A withdrawn pledge has no page, and nothing on
 * the site links to its badge: it took back its consent to be listed.
 */
export const getStaticPaths = (async () => [
  ...(await loadWall()).newest.map((signatory) => ({ params: { id: signatory.id }, props: { signatory } })),
  ...(await loadStandings()).former.map((former) => ({ params: { id: former.id }, props: { former } })),
]) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const settings = await getSiteSettings();
  const of = props as Props;
  const badge =
    "former" in of
      ? formerBadgeText(of.former, settings)
      : badgeText(of.signatory, standingFor((await loadStandings()).standings, of.signatory.id), settings);
  return new Response(badgeSvg(badge), { headers: { "Content-Type": "image/svg+xml; charset=utf-8" } });
};
