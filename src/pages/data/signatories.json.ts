import type { APIRoute } from "astro";
import { openDataJson } from "../../wall/open-data";
import { loadStandings } from "../../wall/wall-standings";
import { loadWall } from "../../wall/wall-view";

export const GET: APIRoute = async ({ site }) =>
  new Response(openDataJson((await loadWall()).newest, (await loadStandings()).standings, site ?? ""), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
