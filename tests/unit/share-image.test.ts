/** The link-preview image's drawing: words from content/, outlines instead of system fonts. */
import { describe, expect, it } from "vitest";
import { shareImageSvg } from "../../src/share-image/render-share-image.ts";
import { shareImageWords } from "../../src/share-image/share-image-words.ts";
import { fitText, textWidth } from "../../src/share-image/text-outline.ts";
import type { SiteSettings } from "../../src/site-settings.ts";

const totals = {
  none: "Be the first",
  pledges: "{pledges} pledges",
  fewerThanFive: "Fewer than 5 pledges",
  named: "{named} of them named",
  noneNamed: "none of them named",
  sentence: "{pledges}, {named}",
};
const settings = {
  name: "A Charter",
  council: "A Council",
  labels: { totals, shareImage: { alt: "{name}: {total}." } },
} as SiteSettings;

describe("the link-preview image", () => {
  it("says the wall's totals as every page says them, in the words from content/", () => {
    expect(shareImageWords(settings, { pledges: undefined, named: 0 }).total).toBe("Be the first");
    expect(shareImageWords(settings, { pledges: 12345, named: 172 }).total).toBe("12,345 pledges, 172 of them named");
    expect(shareImageWords(settings, { pledges: 12345, named: 172 }).alt).toBe(
      "A Charter: 12,345 pledges, 172 of them named.",
    );
  });

  it("says what was done once 5 or more commitments are done, and stays as it was before", () => {
    const totals = { pledges: 12345, named: 172 };
    expect(shareImageWords(settings, totals, undefined)).toEqual(shareImageWords(settings, totals));
    expect(shareImageWords(settings, totals).done).toBeUndefined();
    const words = shareImageWords(settings, totals, 1234);
    expect(words.done).toBe("1,234 commitments done");
    expect(words.alt).toBe("A Charter: 12,345 pledges, 172 of them named. 1,234 commitments done.");
  });

  it("draws what was done as a line of its own, between the totals and the site's address", () => {
    const totals = { pledges: 12345, named: 172 };
    const paths = (svg: string) => svg.match(/<path /g)?.length ?? 0;
    const without = shareImageSvg(shareImageWords(settings, totals), "example.org");
    const withDone = shareImageSvg(shareImageWords(settings, totals, 1234), "example.org");
    expect(paths(withDone) - paths(without)).toBe("1,234commitmentsdone".length);
  });

  it("draws every word as outlines, so a machine without fonts draws the same image", () => {
    const svg = shareImageSvg(shareImageWords(settings, { pledges: 7, named: 7 }), "example.org");
    expect(svg).not.toMatch(/<text|font-family/);
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(
      "A CharterA Council7 pledges, 7 of them namedexample.org".length / 2,
    );
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
