/** The weight budget, checked on dist/: no JavaScript on content pages, and every page light. */
import { beforeAll, describe, expect, it } from "vitest";
import { budgets, type PageWeight, pageWeight } from "../../scripts/lib/page-weight.ts";
import { assertBuilt, distDir, htmlPages } from "./support/built-site.ts";

let measured: (PageWeight & { hasPledgeForm: boolean; hasWallFilters: boolean })[] = [];

beforeAll(() => {
  assertBuilt();
  measured = htmlPages().map(({ url, file, document }) => ({
    ...pageWeight(distDir, url, file),
    // /pledge/ and any page that opens the same form with an answer already given.
    hasPledgeForm: document.querySelector("form[data-pledge-form]") !== null,
    // The wall's list pages, whose filters a script combines (each filter alone is a page).
    hasWallFilters: document.querySelector("form[data-wall-filters]") !== null,
  }));
}, 60_000);

describe("page weight", () => {
  const weights = () => measured;
  const formPages = () => weights().filter((page) => page.hasPledgeForm);
  const wallPages = () => weights().filter((page) => page.hasWallFilters);

  it("ships 0 bytes of JavaScript on every page but the pledge form and the wall's list pages", () => {
    const withScript = weights().filter((page) => !page.hasPledgeForm && !page.hasWallFilters && page.js.raw > 0);
    expect(withScript.map((page) => `${page.url}: ${page.js.raw} bytes`)).toEqual([]);
  });

  it("keeps every page's HTML and CSS under 50 KB compressed, with gzip as well as Brotli", () => {
    const heavy = weights().flatMap((page) =>
      (["gzip", "brotli"] as const)
        .map((method) => ({ method, bytes: page.html[method] + page.css[method] }))
        .filter(({ bytes }) => bytes >= budgets.pageBytes)
        .map(({ method, bytes }) => `${page.url}: ${bytes} bytes ${method}`),
    );
    expect(heavy).toEqual([]);
  });

  it(`keeps the pledge form's JavaScript, with every chunk it imports, to ${budgets.formScriptBytes / 1024} KB or less both gzipped and Brotli-compressed`, () => {
    expect(formPages().map((page) => page.url)).toContain("/pledge/");
    for (const page of formPages()) expect(page.js.raw, page.url).toBeGreaterThan(0);
    const heavy = formPages().flatMap((page) =>
      (["gzip", "brotli"] as const)
        .filter((method) => page.js[method] > budgets.formScriptBytes)
        .map((method) => `${page.url}: ${page.js[method]} bytes ${method}`),
    );
    expect(heavy).toEqual([]);
  });

  it(`keeps the wall's filter script to ${budgets.wallScriptBytes / 1024} KB or less both gzipped and Brotli-compressed`, () => {
    expect(wallPages().map((page) => page.url)).toContain("/signatories/");
    const heavy = wallPages().flatMap((page) =>
      (["gzip", "brotli"] as const)
        .filter((method) => page.js[method] > budgets.wallScriptBytes)
        .map((method) => `${page.url}: ${page.js[method]} bytes ${method}`),
    );
    expect(heavy).toEqual([]);
  });
});
