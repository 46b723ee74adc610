/**
 * Draws the link-preview image as a PNG: the big platforms do not accept SVG for og:image.
 * Colours are the site's own (GOV.UK Frontend's teal, as src/styles/site.scss sets the brand).
 */
import sharp from "sharp";
import { type ShareImageWords, shareImage } from "./share-image-words.ts";
import { fitText, textOutline } from "./text-outline.ts";

const colours = {
  brand: "#106165", // teal shade-25, the site's brand colour and theme-color
  brandDark: "#0b4144", // teal shade-50
  brandLight: "#d0e6e7", // teal tint-80
  surface: "#f3f9f9", // teal tint-95, the site's surface background
  white: "#ffffff",
};

const margin = 80;
const bandTop = 446;

/** The band's lines: the totals and the host, with what was done between them once there is any. */
const bandLayouts = {
  totals: { size: 48, minSize: 28, totalY: 540, hostY: 592, hostSize: 30 },
  withDone: { size: 40, minSize: 24, totalY: 510, doneY: 560, hostY: 606, hostSize: 26 },
} as const;

export function shareImageSvg(words: ShareImageWords, siteHost: string): string {
  const { width, height } = shareImage;
  const maxWidth = width - 2 * margin;
  const headline = fitText(words.headline, "bold", { size: 76, minSize: 40, maxWidth, maxLines: 3 });
  const band = words.done === undefined ? bandLayouts.totals : bandLayouts.withDone;
  const line = (text: string) =>
    fitText(text, "bold", { size: band.size, minSize: band.minSize, maxWidth, maxLines: 1 });
  const total = line(words.total);
  const done = words.done === undefined ? undefined : line(words.done);
  const headlineTop = 190;
  const lineHeight = headline.size * 1.15;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${colours.brand}"/>`,
    textOutline(words.council, "regular", 34, margin, 110, colours.brandLight),
    ...headline.lines.map((line, index) =>
      textOutline(line, "bold", headline.size, margin, headlineTop + index * lineHeight, colours.white),
    ),
    `<rect y="${bandTop}" width="${width}" height="${height - bandTop}" fill="${colours.surface}"/>`,
    `<rect y="${bandTop}" width="${width}" height="10" fill="${colours.brandLight}"/>`,
    textOutline(total.lines[0] ?? "", "bold", total.size, margin, band.totalY, colours.brandDark),
    ...(done && "doneY" in band
      ? [textOutline(done.lines[0] ?? "", "bold", done.size, margin, band.doneY, colours.brand)]
      : []),
    textOutline(siteHost, "regular", band.hostSize, margin, band.hostY, colours.brand),
    "</svg>",
  ].join("");
}

export async function renderShareImage(words: ShareImageWords, siteHost: string): Promise<Buffer> {
  // Palette PNG: a few flat colours and anti-aliased edges compress to a fraction of full colour.
  return sharp(Buffer.from(shareImageSvg(words, siteHost)))
    .png({ palette: true, compressionLevel: 9 })
    .toBuffer();
}
