import type { APIRoute } from "astro";
import { escapeHtml } from "../../pledge-form/html";
import { getSiteSettings } from "../../site-settings";
import { actionNames, kindName, loadSignatories, newestFirst, signatoryPath } from "../../wall/wall-view";

/** An Atom feed of the 50 most recently listed signatories. */
export const GET: APIRoute = async ({ site }) => {
  const settings = await getSiteSettings();
  const latest = newestFirst(await loadSignatories()).slice(0, 50);
  const url = (path: string) => escapeHtml(new URL(path, site).href);
  const updated = latest[0]?.listed_at ?? new Date(0).toISOString();
  const entries = latest
    .map(
      (signatory) => `  <entry>
    <id>${url(signatoryPath(signatory))}</id>
    <title>${escapeHtml(signatory.name)}</title>
    <link href="${url(signatoryPath(signatory))}"/>
    <updated>${escapeHtml(new Date(signatory.listed_at).toISOString())}</updated>
    <summary>${escapeHtml(`${kindName(signatory.kind)}. ${actionNames(signatory.actions).join("; ")}`)}</summary>
  </entry>`,
    )
    .join("\n");
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeHtml(`New signatories – ${settings.name}`)}</title>
  <id>${url("/signatories/feed.xml")}</id>
  <link rel="self" href="${url("/signatories/feed.xml")}"/>
  <link href="${url("/signatories/")}"/>
  <updated>${escapeHtml(new Date(updated).toISOString())}</updated>
  <author><name>${escapeHtml(settings.council)}</name></author>
${entries}
</feed>
`;
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
