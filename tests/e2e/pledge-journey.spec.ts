/** People making pledges in a real browser, with and without JavaScript. */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { mailsAbout, readingTime, storedPledgePage } from "./pledging.ts";

async function fillPledge(page: Page, name: string, email: string) {
  await page.getByLabel("Business").check();
  await page.getByLabel("Name of your organisation").fill(name);
  await page.getByLabel("Area of Stevenage (optional)").selectOption("bedwell");
  await page.getByLabel("Purchasing goods or services from others in the local area").check();
  await page.getByLabel("Your own commitment (optional)").fill("We will buy our flour in Hertfordshire.");
  await page.getByLabel("Your full name").fill("Sam Baker");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Yes, show the name I gave", { exact: true }).check();
  await page.getByLabel("I have read the privacy notice and understand how my details will be used").check();
}

test.describe("with JavaScript", () => {
  test("Ash presses send straight away and is asked to send again on the same page, with no error", async ({
    page,
    site,
  }) => {
    const name = `Ash's Bakery ${Date.now()}`;
    await page.goto("/pledge/");
    await fillPledge(page, name, "ash.js@example.com");
    site.clock.hold();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Check your answers before sending your pledge" })).toBeFocused();
    await page.getByRole("button", { name: "Accept and send pledge" }).click();
    await expect(page.locator(".govuk-inset-text")).toContainText("your pledge has not been sent yet");
    await expect(page.locator(".govuk-error-summary")).toHaveCount(0);
    await expect(page).not.toHaveTitle(/^Error:/);
    site.clock.release();
    await page.waitForTimeout(readingTime);
    await page.getByRole("button", { name: "Accept and send pledge" }).click();
    await expect(page).toHaveURL(storedPledgePage);
    expect(await site.storedPledges(name)).toBe(1);
  });

  test("Sam makes a pledge for her bakery and it is stored once", async ({ page, site, axe }) => {
    const name = `Sam's Bakery ${Date.now()}`;
    await page.goto("/pledge/");
    await axe(page);
    await page.evaluate(() => {
      (window as unknown as { stayedOnPage: boolean }).stayedOnPage = true;
    });
    await fillPledge(page, name, "sam.js@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Check your answers before sending your pledge" })).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
    await expect(page.locator(".govuk-summary-list")).toContainText(name);
    await axe(page);
    await page.waitForTimeout(readingTime);
    await page.getByRole("button", { name: "Accept and send pledge" }).click();
    await expect(page).toHaveURL(storedPledgePage);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pledge received: now confirm it");
    const reference = new URL(page.url()).searchParams.get("reference") ?? "";
    await expect(page.locator(".govuk-panel__body")).toContainText(`Your reference number${reference}`);
    await expect(page.getByText("We have emailed the address you gave a link and a code")).toBeVisible();
    await expect(page.getByRole("link", { name: "Confirm your pledge with the code" })).toHaveAttribute(
      "href",
      "/pledge/confirm/",
    );
    await axe(page);
    expect(await site.storedPledges(name)).toBe(1);
    expect(await site.pledgeStatus(reference)).toBe("unconfirmed");
    expect(await mailsAbout(site.outbox, reference)).toEqual(["confirm-first"]);
  });

  test("Ravi is shown his mistakes before anything is sent, with focus on the summary", async ({ page, axe }) => {
    await page.goto("/pledge/");
    await page.getByLabel("Your full name").fill("Ravi Patel");
    await page.getByLabel("Email address").fill("ravi at example");
    await page.getByRole("button", { name: "Continue" }).click();
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Enter an email address in the correct format, like name@example.com");
    await expect(page.getByLabel("Email address")).toHaveValue("ravi at example");
    await expect(page).toHaveTitle(/^Error: Make a pledge/);
    await axe(page);
    await summary.getByRole("link", { name: "Select who the pledge is from" }).click();
    await expect(page.locator("#kind")).toBeFocused();
  });

  test("Alex changes an answer from the check page and keeps everything else", async ({ page }) => {
    await page.goto("/pledge/");
    await fillPledge(page, `Alex Co ${Date.now()}`, "alex@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Change email address" }).click();
    await expect(page.getByLabel("Email address")).toBeFocused();
    await expect(page.getByLabel("Email address")).toHaveValue("alex@example.com");
    await expect(page.getByLabel("Purchasing goods or services from others in the local area")).toBeChecked();
  });
});

test("Lee's connection drops while sending: the form says so, tries again with the same token, and one pledge is stored", async ({
  page,
  site,
}) => {
  const name = `Lee's Launderette ${Date.now()}`;
  await page.goto("/pledge/");
  await fillPledge(page, name, "lee@example.com");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your answers before sending your pledge" })).toBeFocused();
  const sentTokens: string[] = [];
  let dropped = 0;
  await page.route("**/api/pledge", async (route) => {
    const body = route.request().postDataJSON() as { intent?: string; token?: string };
    if (body.intent === "submit") {
      sentTokens.push(body.token ?? "");
      if (dropped < 2) {
        dropped += 1;
        return route.abort("connectionreset");
      }
    }
    return route.continue();
  });
  await page.waitForTimeout(readingTime);
  await page.getByRole("button", { name: "Accept and send pledge" }).click();
  await expect(page.getByRole("status")).toContainText("We could not reach the pledge service");
  await expect(page).toHaveURL(storedPledgePage, { timeout: 15_000 });
  expect(sentTokens).toHaveLength(3);
  expect(new Set(sentTokens).size).toBe(1);
  expect(await site.storedPledges(name)).toBe(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Jo makes a pledge with JavaScript turned off and it is stored once", async ({
    page,
    site,
    axeWithoutScripts,
  }) => {
    const name = `Jo's Repair Cafe ${Date.now()}`;
    await page.goto("/pledge/");
    await fillPledge(page, name, "jo.nojs@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveTitle(/^Check your answers before sending your pledge/);
    await axeWithoutScripts(page);
    await page.waitForTimeout(readingTime);
    await page.getByRole("button", { name: "Accept and send pledge" }).click();
    await expect(page).toHaveURL(storedPledgePage);
    const reference = new URL(page.url()).searchParams.get("reference") ?? "";
    await expect(page.locator("#pledge-reference")).toHaveText(reference);
    await axeWithoutScripts(page);
    expect(await site.storedPledges(name)).toBe(1);
    // Reloading the confirmation shows it again; a reload of a form post goes to the form, not a 404.
    await page.reload();
    await expect(page.locator("#pledge-reference")).toHaveText(reference);
    const reload = await page.goto("/api/pledge");
    expect(reload?.status()).toBe(200);
    await expect(page).toHaveURL(/\/pledge\/$/);
    await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
  });

  test("Tam presses send straight away and is asked to send again, with no error, and it is stored once", async ({
    page,
    site,
    axeWithoutScripts,
  }) => {
    const name = `Tam's Takeaway ${Date.now()}`;
    await page.goto("/pledge/");
    await fillPledge(page, name, "tam.nojs@example.com");
    site.clock.hold();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Accept and send pledge" }).click();
    await expect(page).toHaveTitle(/^Check your answers before sending your pledge/);
    await expect(page.locator(".govuk-error-summary")).toHaveCount(0);
    await expect(page.locator(".govuk-inset-text")).toContainText("your pledge has not been sent yet");
    await axeWithoutScripts(page);
    expect(await site.storedPledges(name)).toBe(0);
    site.clock.release();
    await page.waitForTimeout(readingTime);
    await page.getByRole("button", { name: "Accept and send pledge" }).click();
    await expect(page).toHaveURL(storedPledgePage);
    expect(await site.storedPledges(name)).toBe(1);
  });

  test("Kim sees an accessible error summary with everything typed kept", async ({ page, axeWithoutScripts }) => {
    await page.goto("/pledge/");
    await page.getByLabel("Name of your organisation").fill("Kim's <b>Garden</b> Club");
    await page.getByLabel("Email address").fill("kim@");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveTitle(/^Error: Make a pledge/);
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toContainText("There is a problem");
    await expect(summary.getByRole("link")).toHaveCount(6);
    await expect(page.getByLabel("Name of your organisation")).toHaveValue("Kim's <b>Garden</b> Club");
    await expect(page.getByLabel("Email address")).toHaveValue("kim@");
    await axeWithoutScripts(page);
  });
});
