/**
 * The public journey through a site built from a seeded wall, as a reader, a pledger and a member
 * of the public meet it: one set of totals said the same way everywhere, one route to the pledge
 * form (an action's page opening it with that action ticked), a wall whose filters come before
 * its list, a signatory's own page with their target date, open data that Excel and programs
 * read right, an FAQ grouped by what people ask, and progress tables that keep their words whole
 * in Chromium at a desktop and a phone width.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { type Browser, chromium, type Page } from "@playwright/test";
import { load as loadYaml } from "js-yaml";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumFlags, chromiumPath } from "../../../scripts/lib/chromium.ts";
import { faqSchema, siteSchema } from "../../../src/content-schemas.ts";
import { pledgeCatalogue } from "../../../src/pledge/pledge-catalogue.ts";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { buildSiteFrom } from "../support/build-site.ts";
import { pledgeRow } from "../support/databases.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../../..");
const content = (name: string) => loadYaml(readFileSync(join(root, "content", name), "utf8")) as unknown[];
const site = siteSchema.parse(content("site.yaml")[0]);
const faq = content("faq.yaml").map((entry) => faqSchema.parse(entry));
const allActions = pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions);

const withTarget = { name: "Journey Test Café Élan", target_date: "2027-03-31", listing: "organisation-name" };

let scratch: string;
let out: string;
let approved: number;
let named: number;

const page = async (path: string): Promise<HTMLElement> =>
  parse(await readFile(join(out, path.replace(/^\//, ""), path.endsWith(".html") ? "" : "index.html"), "utf8"));
const text = (element: HTMLElement | null | undefined) => (element?.text ?? "").replace(/\s+/g, " ").trim();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "public-journey-"));
  out = join(scratch, "dist");
  const dataDir = join(scratch, "pglite");
  const env = { ...process.env, PGLITE_DATA_DIR: dataDir, SUPABASE_URL: "", DATABASE_URL: "" };
  const store = await openPgliteStore(dataDir);
  const outcome = await store.submit(pledgeRow(withTarget));
  if (outcome.outcome !== "created") throw new Error("the fixture pledge was not stored");
  const record = await store.show(outcome.reference);
  if (!record) throw new Error("the fixture pledge vanished");
  await store.setStatus({ id: record.id, status: "approved", actor: "Test Officer", reason: "test" });
  await store.db.close();
  await run(process.execPath, ["scripts/seed.ts", "--count", "150"], { cwd: root, env });
  const counting = await openPgliteStore(dataDir);
  const count = async (where: string) =>
    (await counting.db.query<{ n: number }>(`select count(*)::int as n from public.pledges where ${where}`)).rows[0]
      ?.n ?? -1;
  approved = await count("status = 'approved'");
  named = await count("status = 'approved' and listing <> 'count-only'");
  await counting.db.close();
  await buildSiteFrom(dataDir, out);
}, 300_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("numbers that agree", () => {
  it("has seeded a wall where some approved pledges are counted only", () => {
    expect(approved).toBeGreaterThan(named);
    expect(named).toBeGreaterThan(5);
  });

  it("says the same totals on the home page, the progress page and the share image: every pledge, and how many are named", async () => {
    const home = text((await page("/")).querySelector(".site-totals"));
    const progress = text((await page("/progress/")).querySelector(".site-totals"));
    const alt = (await page("/faq/")).querySelector('meta[property="og:image:alt"]')?.getAttribute("content") ?? "";
    expect(home).toContain(approved.toLocaleString("en-GB"));
    expect(home).toContain(named.toLocaleString("en-GB"));
    expect(progress).toBe(home);
    expect(alt).toContain(home.replace(/\.$/, ""));
  });

  it("counts on the progress page the same pledges the home page does", async () => {
    const rows = (await page("/progress/")).querySelectorAll(".govuk-summary-list__row");
    const figure = (label: string) =>
      text(rows.find((row) => text(row.querySelector("dt")) === label)?.querySelector("dd"));
    expect(figure(site.labels.progress.total)).toBe(approved.toLocaleString("en-GB"));
    expect(figure(site.labels.progress.named)).toBe(named.toLocaleString("en-GB"));
  });

  it("never says of the named ones alone that they are all who have signed", async () => {
    for (const path of ["/", "/progress/"]) {
      const document = await page(path);
      const alt = document.querySelector('meta[property="og:image:alt"]')?.getAttribute("content");
      expect(text(document.querySelector("main"))).not.toMatch(/have signed/);
      expect(alt).not.toMatch(/have signed/);
    }
  });
});

describe("one route to a pledge", () => {
  it("keeps the charter's own words about the My Pledge form, and says beside them that pledges are made on this site", async () => {
    const charter = await page("/charter/");
    const paragraphs = charter.querySelectorAll("main p");
    const adopted = paragraphs.findIndex((paragraph) => text(paragraph).includes("complete the My Pledge form"));
    expect(adopted).toBeGreaterThan(-1);
    const beside = paragraphs[adopted + 1];
    expect(beside?.querySelector('a[href="/pledge/"]')).not.toBeNull();
  });

  it("leads every start button on the site to this site's pledge form", async () => {
    for (const path of ["/", "/actions/", ...allActions.map((action) => `/actions/${action.id}/`)]) {
      const buttons = (await page(path)).querySelectorAll("a.govuk-button--start");
      expect(buttons.length, path).toBeGreaterThan(0);
      for (const button of buttons) expect(button.getAttribute("href"), path).toMatch(/^\/pledge\//);
    }
  });

  it.each(allActions.map((action) => action.id))(
    "opens the form from %s's page with that action, and only it, ticked",
    async (id) => {
      const action = await page(`/actions/${id}/`);
      const href = action.querySelector("a.govuk-button--start")?.getAttribute("href") ?? "";
      expect(href).not.toBe("/pledge/");
      const form = await page(href);
      const ticked = form.querySelectorAll('input[name="actions"]').filter((box) => box.hasAttribute("checked"));
      expect(ticked.map((box) => box.getAttribute("value"))).toEqual([id]);
      expect(form.querySelector("form[data-pledge-form]")?.getAttribute("action")).toBe(
        (await page("/pledge/")).querySelector("form[data-pledge-form]")?.getAttribute("action"),
      );
    },
  );

  it("keeps those variants of the form out of search: noindex, canonical /pledge/, not in the sitemap", async () => {
    const sitemap = await readFile(join(out, "sitemap-0.xml"), "utf8");
    const pledge = (await page("/pledge/")).querySelector('link[rel="canonical"]')?.getAttribute("href");
    for (const action of allActions) {
      const variant = await page(`/pledge/action/${action.id}/`);
      expect(variant.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
      expect(variant.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(pledge);
      expect(sitemap).not.toContain(`/pledge/action/${action.id}/`);
    }
    expect(sitemap).toContain("/pledge/</loc>");
  });
});

describe("a wall you can use", () => {
  it("puts the filters before the list, the combining form hidden until its script shows it", async () => {
    const wall = await page("/signatories/");
    const html = wall.toString();
    const filters = html.indexOf('id="wall-filters-heading"');
    expect(filters).toBeGreaterThan(-1);
    expect(filters).toBeLessThan(html.indexOf('class="site-signatories__item"'));
    const form = wall.querySelector("form[data-wall-filters]");
    expect(form?.hasAttribute("hidden")).toBe(true);
    expect(form?.querySelectorAll("select").map((select) => select.getAttribute("name"))).toEqual([
      "kind",
      "area",
      "benefit",
      "action",
      "level",
    ]);
    expect(wall.querySelector('[data-single-filters] a[href="/signatories/kind/business/"]')).not.toBeNull();
    expect(wall.querySelector('[data-single-filters] a[href="/signatories/level/partner/"]')).not.toBeNull();
    expect(wall.querySelector('#wall-status[aria-live="polite"]')).not.toBeNull();
  });

  it("chooses the filter a filter's page shows, so a second one combines with it", async () => {
    const business = await page("/signatories/kind/business/");
    const selected = business.querySelectorAll("form[data-wall-filters] option[selected]");
    expect(selected.map((option) => option.getAttribute("value"))).toEqual(["business"]);
  });

  it("shows a signatory's target date on their own page", async () => {
    const { signatories } = JSON.parse(await readFile(join(out, "data/signatories.json"), "utf8")) as {
      signatories: { id: string; name: string }[];
    };
    const id = signatories.find((row) => row.name === withTarget.name)?.id;
    const own = await page(`/signatory/${id}/`);
    const row = own
      .querySelectorAll(".govuk-summary-list__row")
      .find((each) => text(each.querySelector("dt")) === site.labels.wall.targetDate);
    expect(text(row?.querySelector("dd"))).toBe("31 March 2027");
  });

  it("starts the CSV with a UTF-8 byte order mark, so Excel shows accents right", async () => {
    const bytes = await readFile(join(out, "data/signatories.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain(withTarget.name);
  });

  it("lists each signatory's actions in the JSON as a list of the charter's ids, and gives dates as dates", async () => {
    const { signatories } = JSON.parse(await readFile(join(out, "data/signatories.json"), "utf8")) as {
      signatories: { name: string; actions: unknown; target_date: unknown }[];
    };
    const ids = new Set(allActions.map((action) => action.id));
    for (const row of signatories) {
      expect(Array.isArray(row.actions), row.name).toBe(true);
      for (const id of row.actions as string[]) expect(ids.has(id), id).toBe(true);
    }
    expect(signatories.find((row) => row.name === withTarget.name)?.target_date).toBe(withTarget.target_date);
  });

  it("groups the FAQ under headings by what people ask, keeping every question and every answer's words", async () => {
    const main = (await page("/faq/")).querySelector("main");
    const groups = main?.querySelectorAll("section.site-faq-group") ?? [];
    expect(groups.map((group) => text(group.querySelector("h2")))).toEqual(
      site.labels.faq.groups.map((group) => group.heading),
    );
    site.labels.faq.groups.forEach((group, index) => {
      const section = groups[index];
      expect(section?.querySelectorAll("h3").map((heading) => heading.id)).toEqual(group.questions);
      for (const id of group.questions) {
        const entry = faq.find((question) => question.id === id);
        const answer = section?.querySelector(`section[aria-labelledby="${id}"]`);
        expect(text(answer?.querySelector("h3"))).toBe(entry?.question);
        expect(answer?.querySelectorAll("p").map((paragraph) => paragraph.text)).toEqual(entry?.answer);
      }
    });
  });
});

// `npm test` must pass on a fresh machine, which has no browser (README); CI installs Chromium and
// sets CI, so there these always run and a missing browser fails them.
const noBrowserHere = !existsSync(chromiumPath) && !process.env.CI;

describe.skipIf(noBrowserHere)("the progress tables in Chromium", () => {
  let browser: Browser;
  const origin = "http://progress.test";
  const types: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript" };

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  });
  afterAll(() => browser?.close());

  async function open(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.route(`${origin}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      let file = join(out, decodeURIComponent(pathname));
      if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file).catch(() => undefined);
      await (body
        ? route.fulfill({ body, contentType: types[extname(file)] ?? "application/octet-stream" })
        : route.fulfill({ status: 404 }));
    });
    const page = await context.newPage();
    await page.goto(`${origin}/progress/`);
    return page;
  }

  /**
   * Every word in the tables' cells that the browser laid out over more than one line. A word
   * with a hyphen may break after it, as print does ("self-" and "employed" are two here).
   */
  const brokenWords = (page: Page) =>
    page.evaluate(() => {
      const broken: string[] = [];
      for (const cell of document.querySelectorAll(".site-chart th, .site-chart td")) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? "").matchAll(/[^\s-]+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            if (lines.size > 1) broken.push(match[0]);
          }
        }
      }
      return broken;
    });

  it.each([1280, 390, 320])("breaks no word in the middle at %i px", async (width) => {
    const page = await open(width);
    expect(await page.locator(".site-chart").count()).toBeGreaterThan(3);
    expect(await brokenWords(page)).toEqual([]);
    await page.context().close();
  });

  it("lets the page reflow at 320 px without scrolling sideways", async () => {
    const page = await open(320);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await page.context().close();
  });
});
