/**
 * The private export as a download: every pledge with its contact details, as CSV or JSON. A
 * POST, so no prefetch or link preview starts one; the database records each export with the
 * officer who asked.
 */
import type { APIRoute } from "astro";
import { toPrivateCsv, toPrivateJson } from "../../moderation/private-export.ts";
import { consoleDependencies } from "../../officer-console/console-dependencies.ts";

export const prerender = false;

export const POST: APIRoute = async ({ locals, request }) => {
  const officer = locals.officer;
  if (!officer) return new Response(null, { status: 401 });
  const format = String((await request.formData()).get("format") ?? "csv") === "json" ? "json" : "csv";
  const records = await (await consoleDependencies().officers()).exportFor(officer.token);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(format === "json" ? toPrivateJson(records) : toPrivateCsv(records), {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="charter-pledges-private-${day}.${format}"`,
    },
  });
};
