/**
 * A pledger managing their own pledge in a real browser, with JavaScript and without: asking for
 * the link again on /pledge/manage/ by keyboard, opening their pledge whole, changing the
 * commitment of their approved pledge and seeing the change wait for the council while the public
 * list (the rows the wall is built from) keeps the approved words, and downloading what the
 * council holds about them, as data and as a page. axe checks every page and state.
 */
import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { readOutbox } from "../integration/support/outbox.ts";
import { expect, test } from "./fixtures.ts";
import { tabTo } from "./keyboard.ts";
import { acceptAndSend, confirmMail, newPledger, readingTime } from "./pledging.ts";

const approvedWords = "We will buy our seeds and tools from Stevenage growers.";
const changedWords = "We will also give two young people a season's work placement.";

async function downloaded(page: Page, linkName: string): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ])) as [Download, unknown];
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

const fitsAt320 = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("Sam finds her pledge again, changes its commitment and downloads her data", async ({
      page,
      site,
      axe,
      axeWithoutScripts,
    }) => {
      const check = javaScriptEnabled ? axe : axeWithoutScripts;
      const sam = newPledger("Sam");

      // Sam pledges, listed by name, confirms from the e-mail, and the council approves.
      await page.goto("/pledge/");
      await page.getByLabel("Charity, voluntary or community group").check();
      await page.getByLabel("Name of your organisation").fill(sam.name);
      await page.getByLabel("Purchasing goods or services from others in the local area").check();
      await page.getByLabel("Your own commitment (optional)").fill(approvedWords);
      await page.getByLabel("Your full name").fill("Sam Grower");
      await page.getByLabel("Email address").fill(sam.email);
      await page.getByLabel("Yes, show the name I gave", { exact: true }).check();
      await page.getByLabel("I have read the privacy notice and understand how my details will be used").check();
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForTimeout(readingTime);
      const reference = await acceptAndSend(page);
      await page.goto((await confirmMail(site.outbox, reference)).link);
      await page.getByRole("button", { name: "Confirm my pledge" }).click();
      await expect(page.getByRole("heading", { name: "Your pledge is confirmed" })).toBeVisible();
      const stored = await site.database.show(reference);
      await site.database.setStatus({ id: stored?.id ?? "", status: "approved", actor: "officer@stevenage.gov.uk" });

      // She has lost the e-mails: she asks for the link again, by keyboard alone.
      await page.goto("/pledge/manage/");
      await check(page);
      await tabTo(page, "#ref");
      await page.keyboard.type(reference);
      await tabTo(page, "#email");
      await page.keyboard.type(sam.email);
      await tabTo(page, "button.govuk-button");
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
      await check(page);
      const mail = (await readOutbox(site.outbox)).find((each) => each.reference === `manage-link ${reference}`);
      expect(mail?.to).toBe(sam.email);
      const link = mail?.body.match(/https?:\/\/\S+\/api\/manage\?\S+/)?.[0] ?? "";
      expect(link).not.toBe("");

      // Her pledge, whole: what the public sees and her private details.
      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1, name: `Your pledge ${reference}` })).toBeVisible();
      await expect(page.getByText(approvedWords)).toBeVisible();
      await expect(page.getByText(sam.email)).toBeVisible();
      await check(page);
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await fitsAt320(page)).toBe(true);
      await page.setViewportSize({ width: 1280, height: 800 });

      // She changes the commitment; the council must check it first.
      await page.getByRole("link", { name: "Change your pledge" }).click();
      await expect(page.getByRole("heading", { name: `Change your pledge ${reference}` })).toBeVisible();
      await check(page);
      await page.getByLabel("Your own commitment (optional)").fill(`${approvedWords}\n\n${changedWords}`);
      await page.getByRole("button", { name: "Send changes" }).click();
      await expect(page.getByRole("heading", { name: "Your changes have been sent for checking" })).toBeVisible();
      await check(page);

      // The public list keeps the approved words until an officer approves the change.
      const { rows } = await site.database.db.query<{ commitment: string }>(
        "select commitment from public.public_signatories where name = $1",
        [sam.name],
      );
      expect(rows.map((row) => row.commitment)).toEqual([approvedWords]);

      await page.getByRole("link", { name: "Back to your pledge" }).click();
      const waiting = page.locator("#waiting-change");
      await expect(waiting.getByRole("heading", { name: "Your changes are waiting to be checked" })).toBeVisible();
      await expect(waiting.getByRole("row", { name: /Your own commitment/ })).toContainText(changedWords);
      await check(page);

      // What the council holds about her, as data and as a page.
      const data = await downloaded(page, "Download as data (JSON)");
      expect(data.name).toBe(`pledge-${reference}.json`);
      const held = JSON.parse(data.text) as { pledge: Record<string, unknown>; changes: unknown[] };
      expect(held.pledge.contact_email).toBe(sam.email);
      expect(held.pledge.commitment).toBe(approvedWords);
      expect(JSON.stringify(held.changes)).toContain(changedWords);
      const readable = await downloaded(page, "Download as a web page (HTML)");
      expect(readable.name).toBe(`pledge-${reference}.html`);
      expect(readable.text).toContain(`What we hold about pledge ${reference}`);
      expect(readable.text).toContain(sam.email);
    });

    test("a link that is not one we sent shows the way to ask for it again", async ({
      page,
      axe,
      axeWithoutScripts,
    }) => {
      const response = await page.goto("/api/manage?ref=SC-2222ZZZZ&key=not-a-key");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Send me the link" })).toBeVisible();
      await (javaScriptEnabled ? axe : axeWithoutScripts)(page);
    });
  });
}
