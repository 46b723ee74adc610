import type { APIRoute } from "astro";
import { openDataJson } from "../../wall/open-data";
import { loadSignatories, newestFirst } from "../../wall/wall-view";

export const GET: APIRoute = async ({ site }) =>
  new Response(openDataJson(newestFirst(await loadSignatories()), site ?? ""), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
