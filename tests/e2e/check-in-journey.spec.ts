/**
 * A pledger checking in on their approved pledge in a real browser, with JavaScript and without:
 * the daily sending e-mails the link once the check-in is due; opening it shows one question per
 * commitment; a mistake is put right from the error summary; the check-in is stored waiting for an
 * officer. A link we never sent, and one for a pledge since withdrawn, each say so, and the page
 * that explains check-ins stands alone. axe checks every page and state, and none scrolls
 * sideways at 320 px.
 */
import type { Page } from "@playwright/test";
import { sendDueCheckIns } from "../../src/pledge/check-in-service.ts";
import { pledgeRow } from "../fixtures/pledge-records.ts";
import { readOutbox } from "../integration/support/outbox.ts";
import { expect, type Site, test } from "./fixtures.ts";
import { newPledger } from "./pledging.ts";

const buyingLocally = "Purchasing goods or services from others in the local area";
const workPlacements = "Offering work placements to people who need extra support";
const ownWords = "We will pay every member of staff the real Living Wage.";

/** A pledge approved seven months ago, so its 6-month check-in is due; its reference and address. */
async function pledgeApprovedLongAgo(site: Site, who: string) {
  const pledger = newPledger(who);
  const outcome = await site.database.submit(
    pledgeRow({
      name: pledger.name,
      contact_email: pledger.email,
      status: "unconfirmed",
      actions: ["buying-locally", "work-placements"],
      commitment: ownWords,
    }),
  );
  if (outcome.outcome !== "created") throw new Error(`setup: not created (${outcome.outcome})`);
  const { reference } = outcome;
  await site.database.confirmByLink(reference);
  const stored = await site.database.show(reference);
  await site.database.setStatus({ id: stored?.id ?? "", status: "approved", actor: "officer@stevenage.gov.uk" });
  await site.database.db.query(
    "update public.pledges set decided_at = now() - interval '7 months' where reference = $1",
    [reference],
  );
  return { reference, email: pledger.email, id: stored?.id ?? "" };
}

/** The check-in e-mail sent to the pledge by the daily sending: whom it went to, and its link. */
async function checkInMail(site: Site, reference: string) {
  await sendDueCheckIns(site.database.checkIns, site.notices);
  const mail = (await readOutbox(site.outbox)).find((each) => each.reference === `check-in-due ${reference}`);
  const link = mail?.body.match(/https?:\/\/\S+\/api\/check-in\?\S+/)?.[0];
  expect(link, `the check-in e-mail for ${reference} carries a link`).toBeTruthy();
  return { to: mail?.to, link: link ?? "" };
}

const fitsAt320 = async (page: Page) => {
  await page.setViewportSize({ width: 320, height: 800 });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
  return fits;
};

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("Priya checks in from the e-mail, puts a mistyped link right and sends her check-in", async ({
      page,
      site,
      axe,
      axeWithoutScripts,
    }) => {
      const check = javaScriptEnabled ? axe : axeWithoutScripts;
      const { reference, email, id } = await pledgeApprovedLongAgo(site, "Priya");
      const mail = await checkInMail(site, reference);
      expect(mail.to).toBe(email);

      // The link opens one question per commitment, each as it stands now.
      await page.goto(mail.link);
      await expect(page.getByRole("heading", { level: 1, name: "How is your pledge going?" })).toBeVisible();
      const buying = page.getByRole("group", { name: buyingLocally });
      const placements = page.getByRole("group", { name: workPlacements });
      const own = page.getByRole("group", { name: "Your own commitment" });
      await expect(own).toContainText(ownWords);
      for (const question of [buying, placements, own]) {
        await expect(question.getByLabel("Planned", { exact: true })).toBeChecked();
      }
      await check(page);
      expect(await fitsAt320(page)).toBe(true);

      // Her seeds are bought locally now; the placements have started; she mistypes the link.
      await buying.getByLabel("Done", { exact: true }).check();
      const evidence = page.getByLabel(`Link to evidence (optional) about ${buyingLocally}`);
      await evidence.fill("our spring newsletter");
      await page
        .getByLabel(`Note for the public (optional) about ${buyingLocally}`)
        .fill("All our flour and seeds now come from growers in Stevenage.");
      await placements.getByLabel("Started", { exact: true }).check();
      await page.getByRole("button", { name: "Send check-in" }).click();

      const summary = page.locator(".govuk-error-summary");
      await expect(summary).toBeVisible();
      await expect(page).toHaveTitle(/^Error: Check in on your pledge/);
      await expect(evidence).toHaveValue("our spring newsletter");
      await expect(buying.getByLabel("Done", { exact: true })).toBeChecked();
      await check(page);
      expect(await fitsAt320(page)).toBe(true);
      await summary.getByRole("link", { name: /Enter the link to evidence about/ }).click();
      if (javaScriptEnabled) await expect(evidence).toBeFocused();
      await evidence.fill("www.priyas-bakery.example/news/local-flour");
      await page.getByRole("button", { name: "Send check-in" }).click();

      await expect(page.getByRole("heading", { name: "Thank you for checking in" })).toBeVisible();
      await expect(page.getByText("The council will check them")).toBeVisible();
      await check(page);
      expect(await fitsAt320(page)).toBe(true);

      // Stored, waiting for an officer; nothing is shown in public until one accepts it.
      const { rows } = await site.database.db.query<{ review: string; status: string; evidence_url: string | null }>(
        `select k.review, a.status, a.evidence_url from public.check_ins as k
         join public.check_in_answers as a on a.check_in_id = k.id
         where k.pledge_id = $1 order by a.status`,
        [id],
      );
      expect(rows).toEqual([
        { review: "waiting", status: "planned", evidence_url: null },
        { review: "waiting", status: "started", evidence_url: null },
        { review: "waiting", status: "done", evidence_url: "https://www.priyas-bakery.example/news/local-flour" },
      ]);
    });

    test("a link for a pledge since withdrawn, and a link we never sent, each say so", async ({
      page,
      site,
      axe,
      axeWithoutScripts,
    }) => {
      const check = javaScriptEnabled ? axe : axeWithoutScripts;
      const { reference, id } = await pledgeApprovedLongAgo(site, "Tomasz");
      const { link } = await checkInMail(site, reference);
      await site.database.setStatus({ id, status: "withdrawn", actor: "officer@stevenage.gov.uk" });
      const withdrawn = await page.goto(link);
      expect(withdrawn?.status()).toBe(409);
      await expect(page.getByRole("heading", { name: "You cannot check in on this pledge" })).toBeVisible();
      await expect(page.getByRole("link", { name: "See your pledge" })).toBeVisible();
      await check(page);

      const unknown = await page.goto("/api/check-in?ref=SC-2222ZZZZ&key=not-a-key");
      expect(unknown?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
      await check(page);
      expect(await fitsAt320(page)).toBe(true);
    });

    test("the check-in page says what a check-in is to someone without a link", async ({
      page,
      axe,
      axeWithoutScripts,
    }) => {
      await page.goto("/pledge/check-in/");
      await expect(page.getByRole("heading", { level: 1, name: "Check in on your pledge" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Manage your pledge" })).toHaveAttribute("href", "/pledge/manage/");
      await (javaScriptEnabled ? axe : axeWithoutScripts)(page);
      expect(await fitsAt320(page)).toBe(true);
    });
  });
}
