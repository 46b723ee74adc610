/**
 * People narrowing the signatory wall in a real browser: combining kind, area, benefit and action
 * with JavaScript and being told how many match; one filter at a time without it; and on a
 * 390 px phone, reaching the filters before the list. The built wall in dist/ may be empty, so
 * the open data the combining script reads is a fixed list served in its place.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

const signatory = (n: number, kind: string, ward: string | null, actions: string[]) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  name: `Filter Test ${kind} ${ward ?? "no area"} ${n}`,
  kind,
  kind_name: kind === "business" ? "Business" : "Charity or community group",
  ward,
  ward_name: ward === "shephall" ? "Shephall" : ward === "bedwell" ? "Bedwell" : null,
  website: null,
  actions,
  action_names: actions,
  commitment: null,
  target_date: null,
  listed_at: new Date(Date.UTC(2026, 10, 20 - n)).toISOString(),
});

const wall = [
  signatory(1, "business", "shephall", ["buying-locally"]),
  signatory(2, "business", "shephall", ["work-placements"]),
  signatory(3, "business", "bedwell", ["buying-locally"]),
  signatory(4, "charity", "shephall", ["buying-locally"]),
  signatory(5, "business", null, ["buying-locally"]),
];

async function serveWall(page: Page) {
  await page.route("**/data/signatories.json", (route) => route.fulfill({ json: { signatories: wall } }));
}

const listedNames = (page: Page) => page.locator("#signatory-list .site-signatories__item h3").allInnerTexts();

test.describe("with JavaScript", () => {
  test("Priya finds the businesses in Shephall: kind and area together, and is told how many", async ({
    page,
    axe,
  }) => {
    await serveWall(page);
    await page.goto("/signatories/");
    await page.getByLabel("Kind of organisation").selectOption("business");
    await page.getByLabel("Area of Stevenage").selectOption("shephall");
    await page.getByRole("button", { name: "Show signatories" }).click();
    await expect(page).toHaveURL(/\/signatories\/\?kind=business&area=shephall$/);
    const status = page.locator("#wall-status");
    await expect(status).toHaveText("2 signatories match these filters.");
    await expect(status).toHaveAttribute("aria-live", "polite");
    expect((await listedNames(page)).sort()).toEqual([wall[0]?.name, wall[1]?.name].sort());
    await expect(page.getByLabel("Kind of organisation")).toHaveValue("business");
    await expect(page.getByLabel("Area of Stevenage")).toHaveValue("shephall");
    await expect(page.locator("#wall-pagination")).toBeHidden();
    await axe(page);
  });

  test("Tom adds an action to a business filter page and a benefit on top, and each narrows the list", async ({
    page,
  }) => {
    await serveWall(page);
    await page.goto("/signatories/kind/business/");
    await expect(page.getByLabel("Kind of organisation")).toHaveValue("business");
    await page.getByLabel("Action").selectOption("buying-locally");
    await page.getByRole("button", { name: "Show signatories" }).click();
    await expect(page.locator("#wall-status")).toHaveText("3 signatories match these filters.");
    await page.getByLabel("Benefit").selectOption("fairer-society");
    await page.getByRole("button", { name: "Show signatories" }).click();
    await expect(page.locator("#wall-status")).toHaveText("No signatories match these filters.");
    expect(await listedNames(page)).toEqual([]);
  });

  test("a single filter goes to its own page, which needs no script", async ({ page }) => {
    await page.goto("/signatories/");
    await page.getByLabel("Area of Stevenage").selectOption("bedwell");
    await page.getByRole("button", { name: "Show signatories" }).click();
    await expect(page).toHaveURL(/\/signatories\/area\/bedwell\/$/);
  });

  test("a name that looks like markup is shown as text in the combined list", async ({ page }) => {
    await page.route("**/data/signatories.json", (route) =>
      route.fulfill({
        json: { signatories: [{ ...wall[0], name: "<img src=x onerror=alert(1)> Co" }, wall[1]] },
      }),
    );
    await page.goto("/signatories/?kind=business&area=shephall");
    await expect(page.locator("#wall-status")).toHaveText("2 signatories match these filters.");
    await expect(page.locator("#signatory-list img")).toHaveCount(0);
    expect(await listedNames(page)).toContain("<img src=x onerror=alert(1)> Co");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Jo uses one filter at a time: the combining form stays hidden and the links work", async ({
    page,
    axeWithoutScripts,
  }) => {
    await page.goto("/signatories/");
    await expect(page.locator("form[data-wall-filters]")).toBeHidden();
    await page.getByText("Show only one kind, area, benefit, action or level").click();
    await page.getByRole("link", { name: "Business", exact: true }).click();
    await expect(page).toHaveURL(/\/signatories\/kind\/business\/$/);
    await axeWithoutScripts(page);
  });
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("Sam reaches the filters before the list, on the first screens of the page", async ({ page }) => {
    await serveWall(page);
    await page.goto("/signatories/");
    const filters = await page.getByRole("heading", { name: "Filter signatories" }).boundingBox();
    const list = await page.locator("#signatory-list").boundingBox();
    expect(filters?.y).toBeLessThan(list?.y ?? 0);
    expect(filters?.y).toBeLessThan(2 * 844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  });

  test("without JavaScript the single filters, too, come before the list", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseURL}/signatories/`);
    const single = await page.getByText("Show only one kind, area, benefit, action or level").boundingBox();
    const list = await page.locator("#signatory-list").boundingBox();
    expect(single?.y).toBeLessThan(list?.y ?? 0);
    await context.close();
  });
});
