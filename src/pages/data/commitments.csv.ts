import type { APIRoute } from "astro";
import { commitmentsCsv } from "../../wall/open-data";
import { loadStandings } from "../../wall/wall-standings";
import { loadWall } from "../../wall/wall-view";

/** Every listed signatory's commitments with their progress, newest signatory first. */
export const GET: APIRoute = async () =>
  new Response(commitmentsCsv((await loadWall()).newest, (await loadStandings()).commitmentsOf), {
    headers: { "Content-Type": "text/csv; charset=utf-8" },
  });
