/**
 * The impact page in dist/: reachable, without script, every chart an image with a name and a
 * description and the same figures in a table, no figure under 5 anywhere, and the home page and
 * the share image saying what was done exactly when the page counts 5 or more done.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, fileFor, htmlPages, readPage } from "./support/built-site.ts";

const words = JSON.parse(readFileSync(join(import.meta.dirname, "../../content/impact.json"), "utf8")) as {
  title: string;
  fewerThan: string;
  noneYet: string;
  subjects: { page: { noneYet: string } };
  statuses: Record<string, string>;
  home: { done: string };
  shareImage: { done: string };
};

const impactPage = () => readPage(fileFor("/impact/") ?? "");

const readJson = (path: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../../content", path), "utf8")) as { id: string }[];
/** Every benefit and example action in content/, each with its own page of figures. */
const subjectUrls = [...readJson("benefits.json"), ...readJson("actions.json")].map(({ id }) => `/impact/${id}/`);
const subjectPage = (url: string) => readPage(fileFor(url) ?? "");

/** Every figure of every table and summary on a page, as shown. */
const figuresOn = (page: ReturnType<typeof readPage>) =>
  page.querySelectorAll("main table td, main .govuk-summary-list__value").map((cell) => cell.text.trim());
const under5 = (figures: string[]) =>
  figures.filter((figure) => figure !== words.fewerThan && !(Number(figure.replaceAll(",", "")) >= 5));

/** Says there is nothing yet, with no chart; or gives every chart a name, a description and a table. */
function expectChartsOrNoneYet(page: ReturnType<typeof readPage>, noneYet: string) {
  const charts = page.querySelectorAll('main svg[role="img"]');
  if (page.querySelector("[data-impact-empty]")) {
    expect(page.querySelector("[data-impact-empty]")?.text.trim()).toBe(noneYet);
    expect(charts).toHaveLength(0);
    return;
  }
  expect(charts.length).toBeGreaterThan(0);
  for (const chart of charts) {
    const title = page.getElementById(chart.getAttribute("aria-labelledby") ?? "");
    const description = page.getElementById(chart.getAttribute("aria-describedby") ?? "");
    expect(title?.tagName.toLowerCase()).toBe("title");
    expect(title?.text.trim()).not.toBe("");
    expect(description?.tagName.toLowerCase()).toBe("desc");
    const section = chart.closest("section");
    const table = section?.querySelector("table");
    expect(table, `no table beside the chart ${title?.text}`).not.toBeNull();
    const headings = table?.querySelectorAll("thead th").map((heading) => heading.text.trim());
    expect(headings?.slice(1)).toEqual(Object.values(words.statuses));
    expect(table?.querySelectorAll("tbody tr").length).toBeGreaterThan(0);
  }
}

/** The "Done" figure of the page's summary of all commitments, as shown; undefined when empty. */
function doneOnPage(): string | undefined {
  const row = impactPage()
    .querySelectorAll("main .govuk-summary-list__row")
    .find((candidate) => candidate.querySelector("dt")?.text.trim() === words.statuses.done);
  return row?.querySelector("dd")?.text.trim();
}

beforeAll(assertBuilt);

describe("the impact page", () => {
  it("is built, in the sitemap, and linked from the progress page and the footer of every page", () => {
    expect(fileFor("/impact/"), "/impact/ is missing from dist/").toBeDefined();
    expect(readFileSync(fileFor("/sitemap-0.xml") ?? "", "utf8")).toContain("/impact/</loc>");
    const linksTo = (url: string) => readPage(fileFor(url) ?? "").querySelector('main a[href="/impact/"]');
    expect(linksTo("/progress/"), "/progress/ does not link to /impact/").not.toBeNull();
    const without = htmlPages()
      .filter(({ document }) => document.querySelector('footer a[href="/impact/"]') === null)
      .map(({ url }) => url);
    expect(without).toEqual([]);
  });

  it("ships no script", () => {
    expect(impactPage().querySelectorAll("script")).toHaveLength(0);
  });

  it("says honestly that there is nothing to show yet, or gives every chart a name, a description and a table", () => {
    expectChartsOrNoneYet(impactPage(), words.noneYet);
  });

  it("shows no figure under 5 in any table or summary: each is 5 or more, or says fewer than 5", () => {
    expect(under5(figuresOn(impactPage()))).toEqual([]);
  });
});

describe("each benefit's and example action's impact page", () => {
  it("is built for every benefit and action, in the sitemap, and linked from the impact page", () => {
    const sitemap = readFileSync(fileFor("/sitemap-0.xml") ?? "", "utf8");
    const links = impactPage()
      .querySelectorAll("main a")
      .map((link) => link.getAttribute("href"));
    for (const url of subjectUrls) {
      expect(fileFor(url), `${url} is missing from dist/`).toBeDefined();
      expect(sitemap, `${url} is not in the sitemap`).toContain(`${url}</loc>`);
      expect(links, `/impact/ does not link to ${url}`).toContain(url);
    }
  });

  it("leads back to the impact page and ships no script", () => {
    for (const url of subjectUrls) {
      const page = subjectPage(url);
      const crumb = page.querySelector(`.govuk-breadcrumbs a[href="/impact/"]`);
      expect(crumb?.text.trim(), url).toBe(words.title);
      expect(page.querySelectorAll("script"), url).toHaveLength(0);
    }
  });

  it("says honestly that there is nothing to show yet, or gives every chart a name, a description and a table", () => {
    for (const url of subjectUrls) expectChartsOrNoneYet(subjectPage(url), words.subjects.page.noneYet);
  });

  it("shows no figure under 5 in any table or summary", () => {
    const wrong = subjectUrls.flatMap((url) =>
      under5(figuresOn(subjectPage(url))).map((figure) => `${url}: ${figure}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe("what was done, on the home page and the share image", () => {
  it("is said exactly when the impact page counts 5 or more commitments done, with the same number", () => {
    const done = doneOnPage();
    const home = readPage(fileFor("/") ?? "");
    const sentence = home.querySelector(".site-done")?.text.trim();
    const alt = home.querySelector('meta[property="og:image:alt"]')?.getAttribute("content") ?? "";
    if (done === undefined || done === words.fewerThan) {
      expect(sentence).toBeUndefined();
      expect(alt).not.toContain(words.shareImage.done.replace("{done}", ""));
      return;
    }
    expect(sentence).toBe(words.home.done.replace("{done}", done));
    expect(home.querySelector('main a[href="/impact/"]')).not.toBeNull();
    expect(alt).toContain(words.shareImage.done.replace("{done}", done));
  });
});
