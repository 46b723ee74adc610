/** The weight budget, checked on dist/: no JavaScript on content pages, and every page light. */
import { beforeAll, describe, expect, it } from "vitest";
import { budgets, pageWeight } from "../../scripts/lib/page-weight.ts";
import { assertBuilt, distDir, htmlPages } from "./support/built-site.ts";

let measured: ReturnType<typeof pageWeight>[] = [];

beforeAll(() => {
  assertBuilt();
  measured = htmlPages().map(({ url, file }) => pageWeight(distDir, url, file));
}, 60_000);

describe("page weight", () => {
  const weights = () => measured;

  it("ships 0 bytes of JavaScript on every page but the pledge form", () => {
    const withScript = weights().filter((page) => page.url !== "/pledge/" && page.js.raw > 0);
    expect(withScript.map((page) => `${page.url}: ${page.js.raw} bytes`)).toEqual([]);
  });

  it("keeps every page's HTML and CSS under 50 KB compressed, with gzip as well as Brotli", () => {
    const heavy = weights().filter((page) => page.html.gzip + page.css.gzip >= budgets.pageBytes);
    expect(heavy.map((page) => `${page.url}: ${page.html.gzip + page.css.gzip} bytes`)).toEqual([]);
  });

  it("keeps the pledge form's JavaScript under 15 KB compressed, with gzip as well as Brotli", () => {
    const form = weights().find((page) => page.url === "/pledge/");
    expect(form?.js.raw).toBeGreaterThan(0);
    expect(form?.js.gzip).toBeLessThan(budgets.formScriptBytes);
    expect(form?.js.brotli).toBeLessThan(budgets.formScriptBytes);
  });
});
