import type { APIRoute } from "astro";
import { openDataCsv } from "../../wall/open-data";
import { loadStandings } from "../../wall/wall-standings";
import { loadWall } from "../../wall/wall-view";

export const GET: APIRoute = async () =>
  new Response(openDataCsv((await loadWall()).newest, (await loadStandings()).standings), {
    headers: { "Content-Type": "text/csv; charset=utf-8" },
  });
