import type { APIRoute } from "astro";
import { openDataJson } from "../../wall/open-data";
import { loadWall } from "../../wall/wall-view";

export const GET: APIRoute = async ({ site }) =>
  new Response(openDataJson((await loadWall()).newest, site ?? ""), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
