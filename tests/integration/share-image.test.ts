/**
 * The link-preview image in dist/: a real 1200×630 PNG, and every page pointing at it with an
 * absolute address, its true size and alt text that states the wall's totals as the home page does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, fileFor, htmlPages, readPage } from "./support/built-site.ts";

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image header every PNG must open with, checked down to its checksum. */
function readIhdr(file: string) {
  const bytes = readFileSync(file);
  if (!bytes.subarray(0, 8).equals(pngSignature)) throw new Error(`${file} does not start with the PNG signature`);
  const length = bytes.readUInt32BE(8);
  const type = bytes.toString("latin1", 12, 16);
  const data = bytes.subarray(16, 16 + length);
  const storedCrc = bytes.readUInt32BE(16 + length);
  return {
    type,
    length,
    width: data.readUInt32BE(0),
    height: data.readUInt32BE(4),
    crcMatches: crc32(bytes.subarray(12, 16 + length)) === storedCrc,
    endsWithIend: bytes.toString("latin1", bytes.length - 8, bytes.length - 4) === "IEND",
  };
}

const impactWords = JSON.parse(readFileSync(join(import.meta.dirname, "../../content/impact.json"), "utf8")) as {
  home: { done: string };
  shareImage: { done: string };
};

const meta = (document: ReturnType<typeof htmlPages>[number]["document"], key: string) =>
  document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");

beforeAll(assertBuilt);

describe("the link-preview image", () => {
  it("is a valid 1200×630 PNG at /og/charter.png", () => {
    const file = fileFor("/og/charter.png");
    expect(file, "/og/charter.png is missing from dist/").toBeDefined();
    const header = readIhdr(file ?? "");
    expect(header).toMatchObject({ type: "IHDR", length: 13, width: 1200, height: 630 });
    expect(header.crcMatches, "the IHDR checksum is wrong").toBe(true);
    expect(header.endsWithIend, "the PNG is cut short").toBe(true);
  });

  it("is named by every page with an absolute address on the site, its true size and alt text", () => {
    const wrong: string[] = [];
    for (const { url, document } of htmlPages()) {
      const image = meta(document, "og:image");
      if (!image) {
        wrong.push(`${url}: no og:image`);
        continue;
      }
      const address = new URL(image); // throws on a relative address, which platforms ignore
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? "";
      if (address.origin !== new URL(canonical).origin) wrong.push(`${url}: og:image on another origin, ${image}`);
      const file = fileFor(address.pathname);
      if (!file) {
        wrong.push(`${url}: og:image ${address.pathname} is not in dist/`);
        continue;
      }
      const { width, height } = readIhdr(file);
      if (meta(document, "og:image:width") !== String(width)) wrong.push(`${url}: og:image:width is not ${width}`);
      if (meta(document, "og:image:height") !== String(height)) wrong.push(`${url}: og:image:height is not ${height}`);
      if (meta(document, "og:image:type") !== "image/png") wrong.push(`${url}: og:image:type is not image/png`);
      if (!meta(document, "og:image:alt")?.trim()) wrong.push(`${url}: no og:image:alt`);
      if (meta(document, "twitter:card") !== "summary_large_image") wrong.push(`${url}: twitter:card is not large`);
    }
    expect(wrong).toEqual([]);
  });

  it("states the totals the home page states, counted as the wall's data counts them", () => {
    const home = readPage(fileFor("/") ?? "");
    const totals = home.querySelector(".site-totals")?.text.trim().replace(/\.$/, "") ?? "";
    expect(totals).not.toBe("");
    const named = (
      JSON.parse(readFileSync(fileFor("/data/signatories.json") ?? "", "utf8")) as { signatories: unknown[] }
    ).signatories.length;
    // Approved pledges, named or not, under the same rule as the progress page: none under 5.
    const { approved } = JSON.parse(readFileSync(fileFor("/data/wall-version.json") ?? "", "utf8")) as {
      approved: number | null;
    };
    if (approved !== null) expect(totals).toContain(approved.toLocaleString("en-GB"));
    if (named > 0) expect(totals).toContain(named.toLocaleString("en-GB"));
    for (const { url, document } of htmlPages()) expect(meta(document, "og:image:alt"), url).toContain(totals);
  });

  it("says what was done with the number the home page says, and only when the home page says it", () => {
    const home = readPage(fileFor("/") ?? "");
    const homeSentence = home.querySelector(".site-done")?.text.trim();
    const [before = "", after = ""] = impactWords.home.done.split("{done}");
    const done = homeSentence?.slice(before.length, homeSentence.length - after.length);
    const [, doneWords = ""] = impactWords.shareImage.done.split("{done}");
    for (const { url, document } of htmlPages()) {
      const alt = meta(document, "og:image:alt") ?? "";
      if (done === undefined) expect(alt, url).not.toContain(doneWords);
      else expect(alt, url).toContain(impactWords.shareImage.done.replace("{done}", done));
    }
  });
});
