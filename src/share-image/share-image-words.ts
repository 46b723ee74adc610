/**
 * What the link-preview image says and where it lives: shared by the endpoint that draws it and
 * the page shell that points at it, so the image and its alt text cannot tell different totals.
 * The totals are the wall's own (src/wall/public-totals.ts), said as every page says them; once
 * 5 or more commitments are done, it says so too, as the home page does.
 */
import impactWords from "../../content/impact.json" with { type: "json" };
import type { SiteSettings } from "../site-settings.ts";
import { doneSentence } from "../wall/impact.ts";
import { type PublicTotals, totalsSentence } from "../wall/public-totals.ts";

export const shareImage = { path: "/og/charter.png", width: 1200, height: 630 } as const;

export interface ShareImageWords {
  council: string;
  headline: string;
  total: string;
  /** "12 commitments done"; absent while fewer than 5 are done. */
  done?: string;
  alt: string;
}

export function shareImageWords(
  settings: SiteSettings,
  totals: PublicTotals,
  doneCommitments: number | undefined = undefined,
): ShareImageWords {
  const total = totalsSentence(settings.labels.totals, totals);
  const alt = settings.labels.shareImage.alt.replace("{name}", settings.name).replace("{total}", total);
  const done = doneSentence(impactWords.shareImage.done, doneCommitments);
  return {
    council: settings.council,
    headline: settings.name,
    total,
    ...(done === undefined ? { alt } : { done, alt: `${alt} ${done}.` }),
  };
}
