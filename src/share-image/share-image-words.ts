/**
 * What the link-preview image says and where it lives: shared by the endpoint that draws it and
 * the page shell that points at it, so the image and its alt text cannot tell different totals.
 */
import type { SiteSettings } from "../site-settings.ts";
import { loadSignatories } from "../wall/wall-view.ts";

export const shareImage = { path: "/og/charter.png", width: 1200, height: 630 } as const;

let counted: Promise<number> | undefined;
/**
 * Counted once per build, not once per page: every page's alt text needs it, the wall cannot
 * change during a build, and Astro warns on each read of an empty collection.
 */
export const publicSignatoryCount = () => {
  counted ??= loadSignatories().then((signatories) => signatories.length);
  return counted;
};

export interface ShareImageWords {
  council: string;
  headline: string;
  total: string;
  alt: string;
}

export function shareImageWords(settings: SiteSettings, publicSignatories: number): ShareImageWords {
  const words = settings.labels.shareImage;
  const count = publicSignatories.toLocaleString("en-GB");
  const total =
    publicSignatories === 0 ? words.none : publicSignatories === 1 ? words.one : words.some.replace("{count}", count);
  return {
    council: settings.council,
    headline: settings.name,
    total,
    alt: words.alt.replace("{name}", settings.name).replace("{total}", total),
  };
}
