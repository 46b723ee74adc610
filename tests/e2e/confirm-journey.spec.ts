/**
 * People confirming their pledge in a real browser, with JavaScript and without: by the button on
 * the page the e-mailed link opens, or by typing their reference and the code on /pledge/confirm/.
 * Until then the pledge waits, unconfirmed, and nobody but the pledger has been e-mailed; opening
 * the link confirms nothing, so a mail scanner that fetches it cannot confirm for them.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { tabTo } from "./keyboard.ts";
import {
  acceptAndSend,
  confirmMail,
  fillAndCheck,
  mailsAbout,
  newPledger,
  receiptMail,
  sendPledge,
  storedPledgePage,
} from "./pledging.ts";

// What a confirmed pledge brings: the council is told, and the pledger gets a receipt.
const afterConfirming = ["confirm-first", "council-new-pledge", "receipt"];
// Of the right shape, and no pledge's: not the example on the page either, so the words compared match.
const unknownReference = "SC-2222ZZZZ";

const sorted = (list: string[]) => [...list].sort();

/** Counts a person's page actions, and the seconds they wait for each to land. */
function stopwatch() {
  let steps = 0;
  let waited = 0;
  return {
    async step(action: () => Promise<unknown>) {
      const started = performance.now();
      steps += 1;
      await action();
      waited += performance.now() - started;
    },
    get steps() {
      return steps;
    },
    get seconds() {
      return waited / 1000;
    },
  };
}

/** Sends the confirm form by the press given; the status the confirm function answered with. */
async function answerTo(page: Page, press: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse((each) => each.url().endsWith("/api/confirm") && each.request().method() === "POST"),
    press(),
  ]);
  return response.status();
}

/** A code of the right shape that is not the one e-mailed. */
const anotherCode = (code: string) => (code === "222222" ? "333333" : "222222");

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

    test("Kit confirms her pledge with the button on the page the e-mailed link opens", async ({
      page,
      site,
      axe,
      axeWithoutScripts,
    }) => {
      const check = javaScriptEnabled ? axe : axeWithoutScripts;
      const kit = newPledger("Kit");
      await fillAndCheck(page, kit);
      const journey = stopwatch();

      await journey.step(async () => {
        await page.getByRole("button", { name: "Accept and send pledge" }).click();
        await expect(page).toHaveURL(storedPledgePage);
      });
      const reference = new URL(page.url()).searchParams.get("reference") ?? "";
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pledge received: now confirm it");
      expect(await site.pledgeStatus(reference)).toBe("unconfirmed");
      expect(await mailsAbout(site.outbox, reference)).toEqual(["confirm-first"]);
      const mail = await confirmMail(site.outbox, reference);
      expect(mail.to).toBe(kit.email);

      await journey.step(async () => {
        await page.goto(mail.link);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your pledge");
      });
      await expect(page.getByText(`Pledge ${reference}`)).toBeVisible();
      await check(page);
      expect(await site.pledgeStatus(reference)).toBe("unconfirmed");

      await journey.step(async () => {
        await page.getByRole("button", { name: "Confirm my pledge" }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge is confirmed");
      });
      console.log(
        `Kit (${mode}): ${journey.steps} steps, ${journey.seconds.toFixed(2)} s from "Accept and send pledge" to "Your pledge is confirmed"`,
      );
      await expect(page.getByText(`Pledge ${reference} is confirmed`)).toBeVisible();
      await check(page);
      expect(await site.pledgeStatus(reference)).toBe("pending");
      expect(sorted(await mailsAbout(site.outbox, reference))).toEqual(afterConfirming);
      expect((await receiptMail(site.outbox, reference)).to).toBe(kit.email);

      // Pressing the button again, from the e-mail opened later, changes nothing and says so.
      await page.goto(mail.link);
      await page.getByRole("button", { name: "Confirm my pledge" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("This pledge is already confirmed");
      await check(page);
      expect(await site.pledgeStatus(reference)).toBe("pending");
      expect(sorted(await mailsAbout(site.outbox, reference))).toEqual(afterConfirming);
    });

    test("Raj types his reference and the code in lower case on the confirm page, with the keyboard alone", async ({
      page,
      site,
      axe,
      axeWithoutScripts,
    }) => {
      const check = javaScriptEnabled ? axe : axeWithoutScripts;
      const reference = await sendPledge(page, newPledger("Raj"));
      const { code } = await confirmMail(site.outbox, reference);

      await tabTo(page, 'a[href="/pledge/confirm/"]');
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/pledge\/confirm\/$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your pledge");
      await check(page);
      await tabTo(page, "#ref");
      await page.keyboard.type(reference.toLowerCase());
      await tabTo(page, "#code");
      await page.keyboard.type(code.toLowerCase());
      // Enter in a field sends the form's first button: "Confirm my pledge".
      expect(await answerTo(page, () => page.keyboard.press("Enter"))).toBe(200);

      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge is confirmed");
      await check(page);
      expect(await site.pledgeStatus(reference)).toBe("pending");
      expect(sorted(await mailsAbout(site.outbox, reference))).toEqual(afterConfirming);
    });

    test("Lou types a wrong code and is shown the error summary, with her reference kept, then the right one", async ({
      page,
      site,
      axe,
      axeWithoutScripts,
    }) => {
      const check = javaScriptEnabled ? axe : axeWithoutScripts;
      const reference = await sendPledge(page, newPledger("Lou"));
      const { code } = await confirmMail(site.outbox, reference);

      await page.goto("/pledge/confirm/");
      await page.getByLabel("Your reference number").fill(reference);
      await page.getByLabel("Code from the email").fill(anotherCode(code));
      const confirmButton = page.getByRole("button", { name: "Confirm my pledge" });
      expect(await answerTo(page, () => confirmButton.click())).toBe(422);

      const wrongCode = "The reference or the code is not right";
      await expect(page).toHaveTitle(/^Error: Confirm your pledge/);
      const summary = page.locator(".govuk-error-summary");
      await expect(summary).toContainText("There is a problem");
      await expect(summary.getByRole("link", { name: new RegExp(wrongCode) })).toHaveAttribute("href", "#code");
      const codeField = page.getByLabel("Code from the email");
      await expect(codeField).toHaveAccessibleDescription(new RegExp(`Error:\\s+${wrongCode}`));
      await expect(codeField).toHaveValue("");
      await expect(page.getByLabel("Your reference number")).toHaveValue(reference);
      await check(page);
      expect(await site.pledgeStatus(reference)).toBe("unconfirmed");
      expect(await mailsAbout(site.outbox, reference)).toEqual(["confirm-first"]);

      await codeField.fill(code);
      expect(await answerTo(page, () => confirmButton.click())).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge is confirmed");
      expect(await site.pledgeStatus(reference)).toBe("pending");
    });

    test("Noor asks for a new code and gets the same answer as someone asking for a reference that does not exist", async ({
      page,
      site,
      axe,
      axeWithoutScripts,
    }) => {
      const check = javaScriptEnabled ? axe : axeWithoutScripts;
      const reference = await sendPledge(page, newPledger("Noor"));
      const first = await confirmMail(site.outbox, reference);

      const askForNewCode = async (typed: string) => {
        await page.goto("/pledge/confirm/");
        await page.getByLabel("Your reference number").fill(typed);
        const status = await answerTo(page, () => page.getByRole("button", { name: "Send a new code" }).click());
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
        await check(page);
        const words = ((await page.locator("main").textContent()) ?? "").replaceAll(typed, "{reference}");
        return { status, words, title: await page.title() };
      };

      const waiting = await askForNewCode(reference);
      expect(await mailsAbout(site.outbox, reference)).toEqual(["confirm-first", "confirm-first"]);
      const stranger = await askForNewCode(unknownReference);
      expect(await mailsAbout(site.outbox, unknownReference)).toEqual([]);
      expect(stranger).toEqual(waiting);

      // The new code replaces the old one.
      const second = await confirmMail(site.outbox, reference);
      await page.goto("/pledge/confirm/");
      await page.getByLabel("Your reference number").fill(reference);
      if (second.code !== first.code) {
        await page.getByLabel("Code from the email").fill(first.code);
        expect(await answerTo(page, () => page.getByRole("button", { name: "Confirm my pledge" }).click())).toBe(422);
      }
      await page.getByLabel("Code from the email").fill(second.code);
      expect(await answerTo(page, () => page.getByRole("button", { name: "Confirm my pledge" }).click())).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge is confirmed");
      expect(await site.pledgeStatus(reference)).toBe("pending");
    });
  });
}

test("a mail scanner that opens the link three times and asks for its headers confirms nothing; Sol's button still does", async ({
  page,
  site,
}) => {
  const sol = newPledger("Sol");
  await fillAndCheck(page, sol);
  const reference = await acceptAndSend(page);
  const { link } = await confirmMail(site.outbox, reference);

  for (let scan = 0; scan < 3; scan++) {
    const response = await fetch(link, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Confirm my pledge");
  }
  const head = await fetch(link, { method: "HEAD", redirect: "manual" });
  expect(head.status).toBe(200);
  expect(await site.pledgeStatus(reference)).toBe("unconfirmed");
  expect(await mailsAbout(site.outbox, reference)).toEqual(["confirm-first"]);

  await page.goto(link);
  await tabTo(page, 'form[action="/api/confirm"] button');
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your pledge is confirmed");
  expect(await site.pledgeStatus(reference)).toBe("pending");
});
