import type { APIRoute, GetStaticPaths } from "astro";
import { getSiteSettings } from "../../../site-settings";
import { badgeSvg } from "../../../wall/badge";
import { badgeText } from "../../../wall/levels-content";
import type { PublicSignatory } from "../../../wall/public-signatories";
import { loadStandings, standingFor } from "../../../wall/wall-standings";
import { loadWall } from "../../../wall/wall-view";

/** Each listed signatory's badge, built with its page: a withdrawn pledge has neither. */
export const getStaticPaths = (async () =>
  (await loadWall()).newest.map((signatory) => ({
    params: { id: signatory.id },
    props: { signatory },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { signatory } = props as { signatory: PublicSignatory };
  const standing = standingFor((await loadStandings()).standings, signatory.id);
  return new Response(badgeSvg(badgeText(signatory, standing, await getSiteSettings())), {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8" },
  });
};
