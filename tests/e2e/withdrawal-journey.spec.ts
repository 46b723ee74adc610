/**
 * A pledger withdrawing their pledge from the link in their receipt, in a real browser. The
 * receipt comes once the pledge is confirmed, so Mo confirms hers first.
 */
import { expect, test } from "./fixtures.ts";
import { confirmMail, readingTime, receiptMail, storedPledgePage } from "./pledging.ts";

test("Mo's receipt links to a page that withdraws her pledge only when she presses the button", async ({
  page,
  site,
  axe,
}) => {
  const name = `Mo's Repair Café ${Date.now()}`;
  const email = `mo.${Date.now()}@example.com`;
  await page.goto("/pledge/");
  await page.getByLabel("Charity, voluntary or community group").check();
  await page.getByLabel("Name of your organisation").fill(name);
  await page.getByLabel("Your own commitment (optional)").fill("We will fix things instead of throwing them away.");
  await page.getByLabel("Your full name").fill("Mo Ahmed");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("No, count my pledge but do not show my name").check();
  await page.getByLabel("I have read the privacy notice and understand how my details will be used").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForTimeout(readingTime);
  await page.getByRole("button", { name: "Accept and send pledge" }).click();
  await expect(page).toHaveURL(storedPledgePage);
  const reference = new URL(page.url()).searchParams.get("reference") ?? "";

  const confirming = await confirmMail(site.outbox, reference);
  expect(confirming.to).toBe(email);
  await page.goto(confirming.link);
  await page.getByRole("button", { name: "Confirm my pledge" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge is confirmed");

  const receipt = await receiptMail(site.outbox, reference);
  expect(receipt.to).toBe(email);
  const status = () => site.pledgeStatus(reference);

  await page.goto(receipt.withdrawLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Are you sure you want to withdraw your pledge?");
  await expect(page.getByText(name)).toBeVisible();
  await axe(page);
  expect(await status()).toBe("pending");

  await page.getByRole("button", { name: "Withdraw my pledge" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge has been withdrawn");
  await axe(page);
  expect(await status()).toBe("withdrawn");
});

test("a withdrawal link that was not sent by the site withdraws nothing and says what to do", async ({ page, axe }) => {
  const response = await page.goto("/api/withdraw?ref=SC-7K3M9QAB&key=not-a-key");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link does not work");
  await expect(page.getByRole("link", { name: "Contact the community development team" })).toBeVisible();
  await axe(page);
});
