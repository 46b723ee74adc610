/**
 * WCAG 2.2 AA in a real browser: axe on every page in the sitemap (plus the pages kept out of
 * it, and each state of confirming a pledge), reflow at 320 px and at 200 % zoom, the skip link,
 * visible focus, and a pledge made with the keyboard alone. Screenshots of key pages are kept in
 * test-results/screenshots/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { distDir } from "../../scripts/lib/built-site-server.ts";
import { expect, test } from "./fixtures.ts";
import { tabTo } from "./keyboard.ts";
import { confirmMail, newPledger, sendPledge } from "./pledging.ts";

function sitemapPaths(): string[] {
  const xml = readFileSync(join(distDir, "sitemap-0.xml"), "utf8");
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname);
}

const pages = [...sitemapPaths(), "/pledge/confirmation/", "/pledge/confirm/", "/pledge/withdraw/", "/no-such-page/"];
const keyPages = ["/", "/charter/", "/actions/", "/actions/buying-locally/", "/pledge/", "/faq/"];

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("the sitemap lists the pages to check", () => {
  expect(pages.length).toBeGreaterThan(20);
});

for (const path of pages) {
  test(`axe finds no WCAG 2.2 A or AA violation on ${path}`, async ({ page, axe }) => {
    await page.goto(path);
    await axe(page);
  });
}

test("axe finds no WCAG 2.2 A or AA violation on the confirm link's page or any state of confirming, and none scrolls sideways at 320 px", async ({
  page,
  site,
  axe,
}) => {
  const reference = await sendPledge(page, newPledger("Axe"));
  const { link, code } = await confirmMail(site.outbox, reference);
  const checkState = async (heading: string) => {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await axe(page);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await horizontalOverflow(page), `${heading} at 320 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 720 });
  };
  const sendForm = async (ref: string, typedCode: string, button = "Confirm my pledge") => {
    await page.goto("/pledge/confirm/");
    await page.getByLabel("Your reference number").fill(ref);
    await page.getByLabel("Code from the email").fill(typedCode);
    await page.getByRole("button", { name: button }).click();
  };

  expect((await page.goto("/api/confirm?ref=SC-7K3M9QAB&key=not-a-key"))?.status()).toBe(404);
  await checkState("This link does not work");
  await sendForm("", "");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter your reference number");
  await checkState("Confirm your pledge");
  await sendForm(reference, "12");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the 6-character code");
  await checkState("Confirm your pledge");
  await sendForm(reference, code === "222222" ? "333333" : "222222");
  await expect(page.locator(".govuk-error-summary")).toContainText("The reference or the code is not right");
  await checkState("Confirm your pledge");
  await sendForm(reference, "", "Send a new code");
  await checkState("Check your email");
  await page.goto(link);
  await checkState("Confirm your pledge");
  await page.getByRole("button", { name: "Confirm my pledge" }).click();
  await checkState("Your pledge is confirmed");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my pledge" }).click();
  await checkState("This pledge is already confirmed");
});

for (const width of [320, 640]) {
  test(`no page scrolls sideways ${width === 320 ? "at 320 px wide" : "at 200 % zoom (640 px of a 1280 px window)"}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const overflowing: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) overflowing.push(`${path}: ${overflow}px`);
    }
    expect(overflowing).toEqual([]);
  });
}

test("screenshots of key pages at 320 px and 1280 px", async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of keyPages) {
      await page.goto(path);
      const name = path === "/" ? "home" : path.replaceAll("/", " ").trim().replaceAll(" ", "-");
      await page.screenshot({ path: `test-results/screenshots/${name}-${width}.png`, fullPage: true });
    }
  }
});

test("the skip link is the first thing a keyboard reaches, and takes focus to the main content", async ({ page }) => {
  await page.goto("/charter/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main-content$/);
  await page.keyboard.press("Tab");
  const insideMain = await page.evaluate(
    () => document.querySelector("main")?.contains(document.activeElement) ?? false,
  );
  expect(insideMain).toBe(true);
});

test("Pat makes a pledge with the keyboard alone", async ({ page, site }) => {
  const name = `Keyboard Co-operative ${Date.now()}`;
  await page.goto("/pledge/");
  await tabTo(page, "#kind");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Social enterprise or co-operative")).toBeChecked();
  await tabTo(page, "#name");
  await page.keyboard.type(name);
  await tabTo(page, "#ward");
  await page.keyboard.type("Shephall");
  await tabTo(page, "#actions-8");
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Supporting cooperatives to start-up and grow")).toBeChecked();
  await tabTo(page, "#contactName");
  await page.keyboard.type("Pat Keys");
  await tabTo(page, "#email");
  await page.keyboard.type("pat.keys@example.com");
  await tabTo(page, "#listing");
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Yes, show the name I gave", { exact: true })).toBeChecked();
  await tabTo(page, "#privacy");
  await page.keyboard.press("Space");
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Check your answers before sending your pledge" })).toBeFocused();
  await page.waitForTimeout(3500);
  await tabTo(page, 'button[value="submit"]');
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/api\/pledge\?reference=SC-[0-9A-Z]{8}$/);
  expect(await site.storedPledges(name)).toBe(1);
});
