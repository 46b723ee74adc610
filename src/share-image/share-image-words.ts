/**
 * What the link-preview image says and where it lives: shared by the endpoint that draws it and
 * the page shell that points at it, so the image and its alt text cannot tell different totals.
 * The totals are the wall's own (src/wall/public-totals.ts), said as every page says them.
 */
import type { SiteSettings } from "../site-settings.ts";
import { type PublicTotals, totalsSentence } from "../wall/public-totals.ts";

export const shareImage = { path: "/og/charter.png", width: 1200, height: 630 } as const;

export interface ShareImageWords {
  council: string;
  headline: string;
  total: string;
  alt: string;
}

export function shareImageWords(settings: SiteSettings, totals: PublicTotals): ShareImageWords {
  const total = totalsSentence(settings.labels.totals, totals);
  return {
    council: settings.council,
    headline: settings.name,
    total,
    alt: settings.labels.shareImage.alt.replace("{name}", settings.name).replace("{total}", total),
  };
}
