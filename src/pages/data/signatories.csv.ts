import type { APIRoute } from "astro";
import { openDataCsv } from "../../wall/open-data";
import { loadSignatories, newestFirst } from "../../wall/wall-view";

export const GET: APIRoute = async () =>
  new Response(openDataCsv(newestFirst(await loadSignatories())), {
    headers: { "Content-Type": "text/csv; charset=utf-8" },
  });
