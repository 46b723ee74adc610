/** The link-preview image, drawn at build time with the wall's totals and what was done. */
import type { APIRoute } from "astro";
import { renderShareImage } from "../../share-image/render-share-image";
import { shareImageWords } from "../../share-image/share-image-words";
import { getSiteSettings } from "../../site-settings";
import { doneTotal, loadImpactCounts } from "../../wall/impact";
import { loadPublicTotals } from "../../wall/public-totals";

export const GET: APIRoute = async ({ site }) => {
  const done = doneTotal(await loadImpactCounts());
  const words = shareImageWords(await getSiteSettings(), await loadPublicTotals(), done);
  const png = await renderShareImage(words, new URL(site ?? "http://localhost").host);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
