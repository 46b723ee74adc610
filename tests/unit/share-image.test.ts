/** The link-preview image's drawing: words from content/, outlines instead of system fonts. */
import { describe, expect, it } from "vitest";
import { shareImageSvg } from "../../src/share-image/render-share-image.ts";
import { shareImageWords } from "../../src/share-image/share-image-words.ts";
import { fitText, textWidth } from "../../src/share-image/text-outline.ts";
import type { SiteSettings } from "../../src/site-settings.ts";

const settingsWith = (shareImage: SiteSettings["labels"]["shareImage"]) =>
  ({ name: "A Charter", council: "A Council", labels: { shareImage } }) as SiteSettings;

const words = { none: "Be the first", one: "1 has signed", some: "{count} have signed", alt: "{name}: {total}." };

describe("the link-preview image", () => {
  it("says no one, one or the formatted total in the words from content/", () => {
    const settings = settingsWith(words);
    expect(shareImageWords(settings, 0).total).toBe("Be the first");
    expect(shareImageWords(settings, 1).total).toBe("1 has signed");
    expect(shareImageWords(settings, 12345).total).toBe("12,345 have signed");
    expect(shareImageWords(settings, 12345).alt).toBe("A Charter: 12,345 have signed.");
  });

  it("draws every word as outlines, so a machine without fonts draws the same image", () => {
    const svg = shareImageSvg(shareImageWords(settingsWith(words), 7), "example.org");
    expect(svg).not.toMatch(/<text|font-family/);
    expect(svg.match(/<path /g)?.length).toBeGreaterThan("A CharterA Council7 have signedexample.org".length / 2);
  });

  it("shrinks a headline that would not fit its lines rather than cutting it off", () => {
    const long = "A Cooperative Inclusive Economy Charter for Stevenage ".repeat(2).trim();
    const box = { size: 76, minSize: 40, maxWidth: 1040, maxLines: 3 };
    const fitted = fitText(long, "bold", box);
    expect(fitted.size).toBeLessThan(76);
    expect(fitted.lines.length).toBeLessThanOrEqual(3);
    expect(fitted.lines.join(" ")).toBe(long);
    for (const line of fitted.lines) expect(textWidth(line, "bold", fitted.size)).toBeLessThanOrEqual(1040);
  });
});
