import type { APIRoute } from "astro";
import { commitmentsJson } from "../../wall/open-data";
import { loadStandings } from "../../wall/wall-standings";
import { loadWall } from "../../wall/wall-view";

/** Every listed signatory's commitments with their progress, newest signatory first. */
export const GET: APIRoute = async ({ site }) =>
  new Response(commitmentsJson((await loadWall()).newest, (await loadStandings()).commitmentsOf, site ?? ""), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
