/**
 * `npm start`, as the README promises: the site and a working pledge form on the embedded
 * database, with its e-mails in the local outbox and their links working on the same server.
 */
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { validValues } from "../fixtures/pledge-values.ts";
import { readOutbox } from "../integration/support/outbox.ts";
import { devServerData } from "./npm-start-folders.ts";

// The dev server loads the function's modules on its first request (npm run bench measures it);
// on a machine that other suites keep busy that can take far longer than Playwright's 5 s.
const functionAnswer = { timeout: 60_000 };

// Warm-up, not under test: the first call loads the pledge function and opens the database.
test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const response = await fetch(new URL("/api/pledge", baseURL), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...validValues(), intent: "check" }),
    signal: AbortSignal.timeout(170_000),
  });
  expect(response.status).toBe(200);
});

/** Links lead to the server the person is using, whatever its port. */
function expectLinksToThisServer(body: string | undefined, page: Page) {
  const links = body?.match(/https?:\/\/[^\s]+/g) ?? [];
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(new URL(link).origin).toBe(new URL(page.url()).origin);
}

test("a pledge made on the development server is confirmed from the link its e-mail carries, and its receipt reaches the outbox", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/pledge/");
  await page.getByLabel("Resident").check();
  await page.getByLabel("Name of your organisation").fill(`Dev Resident ${Date.now()}`);
  await page.getByLabel("Mentoring someone who wants to become self-employed").check();
  await page.getByLabel("Your full name").fill("Dee Resident");
  const email = `dee.${Date.now()}@example.com`;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("No, count my pledge but do not show my name").check();
  await page.getByLabel("I have read the privacy notice and understand how my details will be used").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your answers before sending your pledge" })).toBeVisible(
    functionAnswer,
  );
  await page.waitForTimeout(3500);
  await page.getByRole("button", { name: "Accept and send pledge" }).click();
  await expect(page).toHaveURL(/\/api\/pledge\?reference=SC-[0-9A-Z]{8}$/, functionAnswer);
  const reference = new URL(page.url()).searchParams.get("reference");
  await expect(page.locator("#pledge-reference")).toHaveText(reference ?? "");
  const mailsTo = async () => (await readOutbox(join(devServerData, "outbox"))).filter((mail) => mail.to === email);
  const sent = await mailsTo();
  expect(sent.map((mail) => mail.reference)).toEqual([`confirm-first ${reference}`]);
  expectLinksToThisServer(sent[0]?.body, page);

  const confirmLink = sent[0]?.body.match(/https?:\/\/\S+\/api\/confirm\?\S+/)?.[0] ?? "";
  await page.goto(confirmLink, functionAnswer);
  await page.getByRole("button", { name: "Confirm my pledge" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge is confirmed", functionAnswer);
  const afterConfirming = await mailsTo();
  expect(afterConfirming.map((mail) => mail.reference)).toEqual([`confirm-first ${reference}`, `receipt ${reference}`]);
  expectLinksToThisServer(afterConfirming[1]?.body, page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the function's pages on the development server are styled, and the spam trap stays hidden", async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.goto("/pledge/");
    const staticButton = await page
      .getByRole("button", { name: "Continue" })
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    await page.getByLabel("Email address").fill("not an email");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveTitle(/^Error: Make a pledge/, functionAnswer);
    // The same GOV.UK button colour as on the static page: the dev server's styles applied.
    await expect(page.getByRole("button", { name: "Continue" })).toHaveCSS("background-color", staticButton);
    await expect(page.locator(".govuk-error-summary")).toHaveCSS("border-top-style", "solid");
    await expect(page.getByLabel("Leave this field empty")).toBeHidden();
  });
});
