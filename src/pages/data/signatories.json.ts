import type { APIRoute } from "astro";
import { licence, openDataColumns, openDataRows } from "../../wall/open-data";
import { loadSignatories, newestFirst } from "../../wall/wall-view";

export const GET: APIRoute = async ({ site }) =>
  new Response(
    `${JSON.stringify(
      {
        title: "Signatories of A Cooperative Inclusive Economy Charter for Stevenage",
        source: new URL("/signatories/", site).href,
        licence,
        columns: openDataColumns,
        signatories: openDataRows(newestFirst(await loadSignatories())),
      },
      null,
      2,
    )}\n`,
    { headers: { "Content-Type": "application/json; charset=utf-8" } },
  );
