/** The static site in dist/: every page present, every link resolving, no script on content pages. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, fileFor, htmlPages, readPage } from "./support/built-site.ts";

const contentDir = join(import.meta.dirname, "../../content");
const actionIds = (JSON.parse(readFileSync(join(contentDir, "actions.json"), "utf8")) as { id: string }[]).map(
  (action) => action.id,
);

const requiredPages = [
  "/",
  "/charter/",
  "/community-wealth-building/",
  "/actions/",
  ...actionIds.map((id) => `/actions/${id}/`),
  "/who-should-sign/",
  "/how-to-pledge/",
  "/next-steps/",
  "/community-balance-sheets/",
  "/faq/",
  "/contact/",
  "/accessibility/",
  "/privacy/",
  "/pledge/",
  "/pledge/confirmation/",
  "/pledge/withdraw/",
  // The pledge form opened from an action's page, with that action ticked.
  "/pledge/action/buying-locally/",
  "/signatories/",
  "/signatories/a-z/",
  "/signatories/kind/business/",
  "/signatories/level/partner/",
  "/signatories/former/",
  "/progress/",
  "/impact/",
  "/404.html",
];

const notInSitemap = new Set([
  "/404.html",
  "/pledge/confirmation/",
  "/pledge/withdraw/",
  "/pledge/action/buying-locally/",
]);

// Open data and the feed: files, not pages.
const dataFiles = [
  "/data/signatories.csv",
  "/data/signatories.json",
  "/data/commitments.csv",
  "/data/commitments.json",
  "/signatories/feed.xml",
  "/robots.txt",
  "/_headers",
];

// The only pages allowed a script, each working without it: the pledge form (also where it opens
// with an action ticked), and the wall's list pages, whose script combines their filters.
const allowedAScript = (document: ReturnType<typeof readPage>) =>
  document.querySelector("form[data-pledge-form], form[data-wall-filters]") !== null;

beforeAll(assertBuilt);

describe("the built site", () => {
  const pages = () => htmlPages();

  it.each(dataFiles)("has the file %s", (url) => {
    expect(fileFor(url), `${url} is missing from dist/`).toBeDefined();
  });

  it.each(requiredPages)("has the page %s", (url) => {
    expect(fileFor(url), `${url} is missing from dist/`).toBeDefined();
  });

  it("has a sitemap listing every page but the 404", () => {
    const index = fileFor("/sitemap-index.xml");
    expect(index).toBeDefined();
    const sitemap = readFileSync(fileFor("/sitemap-0.xml") ?? "", "utf8");
    for (const url of requiredPages) {
      if (notInSitemap.has(url)) expect(sitemap).not.toContain(`${url}</loc>`);
      else expect(sitemap).toContain(`${url}</loc>`);
    }
  });

  it("resolves every internal link and in-page anchor", () => {
    const broken: string[] = [];
    for (const { url, document } of pages()) {
      for (const element of document.querySelectorAll("a[href], link[href]")) {
        const href = element.getAttribute("href") ?? "";
        if (/^(https?:|mailto:|tel:)/.test(href)) continue;
        const target = new URL(href, `http://site.test${url}`);
        const file = fileFor(target.pathname);
        if (!file) {
          broken.push(`${url} → ${href}`);
          continue;
        }
        const id = decodeURIComponent(target.hash.slice(1));
        if (id && file.endsWith(".html") && !readPage(file).getElementById(id))
          broken.push(`${url} → ${href} (no #${id})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("ships no script on content pages", () => {
    const withScripts = pages()
      .filter(({ document }) => !allowedAScript(document) && document.querySelectorAll("script").length > 0)
      .map(({ url }) => url);
    expect(withScripts).toEqual([]);
    const inline = pages().flatMap(({ url, document }) =>
      document
        .querySelectorAll("script")
        .filter((script) => !/^\/_astro\/.+\.js$/.test(script.getAttribute("src") ?? ""))
        .map(() => `${url}: a script that is not one of the build's files (the CSP would refuse it)`),
    );
    expect(inline).toEqual([]);
  });

  it("gives every page one <h1>, a <title>, a description, lang en-GB and a working skip link", () => {
    for (const { url, document } of pages()) {
      expect(document.querySelectorAll("h1"), url).toHaveLength(1);
      expect(document.querySelector("title")?.text.trim(), url).toBeTruthy();
      expect(document.querySelector('meta[name="description"]')?.getAttribute("content"), url).toBeTruthy();
      expect(document.querySelector("html")?.getAttribute("lang"), url).toBe("en-GB");
      const skip = document.querySelector("a.govuk-skip-link");
      expect(skip?.getAttribute("href"), url).toBe("#main-content");
      expect(document.querySelector("main#main-content"), url).not.toBeNull();
    }
  });

  it("gives every indexable page an absolute canonical URL and Open Graph metadata", () => {
    for (const { url, document } of pages().filter((page) => page.url !== "/404.html")) {
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? "";
      const noindex = document.querySelector('meta[name="robots"]')?.getAttribute("content") === "noindex";
      // A page kept out of search may name the page it is a variant of.
      if (noindex) expect(fileFor(new URL(canonical).pathname), url).toBeDefined();
      else expect(new URL(canonical).pathname, url).toBe(url);
      for (const property of ["og:title", "og:description", "og:url", "og:type", "og:site_name"]) {
        expect(
          document.querySelector(`meta[property="${property}"]`)?.getAttribute("content"),
          `${url} ${property}`,
        ).toBeTruthy();
      }
    }
  });

  it("gives every page a unique title", () => {
    const titles = pages().map(({ document }) => document.querySelector("title")?.text);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it.each([...notInSitemap])("keeps %s out of search engines", (url) => {
    expect(
      readPage(fileFor(url) ?? "")
        .querySelector('meta[name="robots"]')
        ?.getAttribute("content"),
    ).toBe("noindex");
  });

  it("gives each signatory's page the level the open data gives, and a badge that says the same", () => {
    const { signatories } = JSON.parse(readFileSync(fileFor("/data/signatories.json") ?? "", "utf8")) as {
      signatories: { id: string; level: string; lapsed: boolean }[];
    };
    const levels = (
      load(readFileSync(join(contentDir, "levels.yaml"), "utf8")) as { levels: { id: string; name: string }[] }
    ).levels;
    for (const signatory of signatories) {
      const page = readPage(fileFor(`/signatory/${signatory.id}/`) ?? "");
      expect(page.querySelector("[data-level]")?.getAttribute("data-level"), signatory.id).toBe(signatory.level);
      expect(page.querySelector("[data-lapsed]") !== null, signatory.id).toBe(signatory.lapsed);
      const badge = readFileSync(fileFor(`/signatory/${signatory.id}/badge.svg`) ?? "", "utf8");
      const name = levels.find((level) => level.id === signatory.level)?.name ?? "";
      expect(parse(badge).querySelector("title")?.text, signatory.id).toContain(`: ${name} of `);
      expect(page.querySelector(`img[src="/signatory/${signatory.id}/badge.svg"]`), signatory.id).not.toBeNull();
    }
  });

  it("publishes commitments only of signatories on the wall, with every column described", () => {
    const { signatories } = JSON.parse(readFileSync(fileFor("/data/signatories.json") ?? "", "utf8")) as {
      signatories: { id: string }[];
    };
    const { columns, commitments } = JSON.parse(readFileSync(fileFor("/data/commitments.json") ?? "", "utf8")) as {
      columns: Record<string, string>;
      commitments: Record<string, unknown>[];
    };
    const listed = new Set(signatories.map((signatory) => signatory.id));
    for (const row of commitments) {
      expect(listed.has(String(row.signatory_id))).toBe(true);
      expect(Object.keys(row)).toEqual(Object.keys(columns));
    }
    const csv = readFileSync(fileFor("/data/commitments.csv") ?? "", "utf8");
    expect(csv.slice(1).split("\r\n")[0]).toBe(Object.keys(columns).join(","));
  });

  it("lets the pledge form work without JavaScript: a POST form to the function, its script external", () => {
    const page = readPage(fileFor("/pledge/") ?? "");
    const form = page.querySelector("form[data-pledge-form]");
    expect(form?.getAttribute("method")).toBe("post");
    expect(form?.getAttribute("action")).toBe("/api/pledge");
    for (const script of page.querySelectorAll("script")) {
      expect(script.getAttribute("src"), "an inline script would need a CSP hash").toMatch(/^\/_astro\/.+\.js$/);
    }
  });

  it("links a print stylesheet rule from every page's CSS", () => {
    const stylesheets = pages()[0]?.document.querySelectorAll('link[rel="stylesheet"]') ?? [];
    expect(stylesheets.length).toBeGreaterThan(0);
    const css = stylesheets
      .map((link) => readFileSync(fileFor(link.getAttribute("href") ?? "") ?? "", "utf8"))
      .join("");
    expect(css).toMatch(/@media print/);
  });
});
