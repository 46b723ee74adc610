/**
 * The officers' console on `npm start`, as an officer uses it: signs in with the code the local
 * outbox received, approves one pledge, rejects one with a reason, approves a change a pledger
 * asked for, accepts a pledger's check-in with its evidence, takes a paper pledge, exports, and
 * signs out, every control worked from the keyboard, with axe on every page and state and no page
 * scrolling sideways at 320 px.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import pg from "pg";
import { readOutbox } from "../integration/support/outbox.ts";
import { wcagTags } from "./fixtures.ts";
import { devServerData } from "./npm-start-folders.ts";

// The first request to a console page loads its modules (as the pledge function's first does).
const firstAnswer = { timeout: 60_000 };
const run = Date.now();
const officer = { email: `ann.officer.${run}@stevenage.gov.uk`, name: "Ann Officer" };
const pledgeNames = { approve: `Approve Me Bakery ${run}`, reject: `Reject Me Garage ${run}` };
const changing = { name: `Change Me Books ${run}`, commitment: `We will stock ${run % 1000} local authors.` };
const checkingIn = { name: `Check In Deli ${run}`, evidence: `https://example.org/local-buying/${run}` };

/** SQL on the database `npm start` serves, as the server's own role, like the officers command. */
async function onDevDatabase<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const served = JSON.parse(await readFile(`${join(devServerData, "pglite")}.served-at.json`, "utf8")) as {
    url: string;
  };
  const client = new pg.Client({ connectionString: served.url });
  await client.connect();
  try {
    await client.query("set role service_role");
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const pledgeJson = (name: string, email: string) =>
  JSON.stringify({
    idempotency_key: crypto.randomUUID(),
    name,
    kind: "business",
    ward: "old-town",
    website: null,
    actions: ["buying-locally"],
    commitment: null,
    target_date: null,
    contact_name: "Sam Owner",
    contact_email: email,
    listing: "organisation-name",
    privacy_acknowledged_at: new Date().toISOString(),
    charter_version: "2020-01",
    channel: "online",
  });

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

async function noSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => ({
    by: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    // What sticks out, to say where to look.
    wide: [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  }));
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(overflow.by, `${page.url()} scrolls sideways at 320 px: ${overflow.wide.join(", ")}`).toBeLessThanOrEqual(0);
}

/** A page and each of its states is checked the same way. */
async function check(page: Page) {
  await axe(page);
  await noSidewaysScroll(page);
}

/** Keyboard only: focus comes to the control, the key works it. */
async function press(control: Locator, key: "Enter" | "Space" = "Enter") {
  await control.focus();
  await control.press(key);
}

async function type(field: Locator, text: string) {
  await field.focus();
  await field.page().keyboard.type(text);
}

async function latestCode(email: string): Promise<string> {
  const mails = (await readOutbox(join(devServerData, "outbox"))).filter(
    (mail) => mail.to === email && mail.reference === "officer sign-in code",
  );
  const code = mails.at(-1)?.body.match(/^\d{6}$/m)?.[0];
  if (!code) throw new Error(`no sign-in code for ${email} in the outbox`);
  return code;
}

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  // The dev server serves its database once it has started; a first page makes sure it has.
  expect((await fetch(new URL("/", baseURL), { signal: AbortSignal.timeout(170_000) })).status).toBe(200);
  await onDevDatabase("select * from public.add_officer($1, $2, 'browser test')", [officer.email, officer.name]);
  for (const [key, name] of Object.entries(pledgeNames)) {
    await onDevDatabase("select * from public.submit_pledge($1::jsonb)", [
      pledgeJson(name, `${key}.${run}@example.org`),
    ]);
  }
  // An approved pledge whose author has asked, from their e-mailed link, to change its words.
  const [submitted] = await onDevDatabase<{ reference: string }>("select * from public.submit_pledge($1::jsonb)", [
    pledgeJson(changing.name, `change.${run}@example.org`),
  ]);
  const [shown] = await onDevDatabase<{ id: string }>("select id from public.show_pledge($1)", [submitted?.reference]);
  await onDevDatabase("select * from public.set_pledge_status($1::uuid, 'approved', 'browser test')", [shown?.id]);
  await onDevDatabase("select public.pledger_change_pledge($1, $2::jsonb, 'Sam Owner')", [
    submitted?.reference,
    JSON.stringify({ commitment: changing.commitment }),
  ]);
  // An approved pledge whose author has checked in from the e-mailed link: the action done, with evidence.
  const [checked] = await onDevDatabase<{ reference: string }>("select * from public.submit_pledge($1::jsonb)", [
    pledgeJson(checkingIn.name, `check-in.${run}@example.org`),
  ]);
  const [approved] = await onDevDatabase<{ id: string }>("select id from public.show_pledge($1)", [checked?.reference]);
  await onDevDatabase("select * from public.set_pledge_status($1::uuid, 'approved', 'browser test')", [approved?.id]);
  const commitments = await onDevDatabase<{ id: string }>("select id from public.pledger_check_in_commitments($1)", [
    checked?.reference,
  ]);
  await onDevDatabase("select public.pledger_submit_check_in($1, $2::jsonb)", [
    checked?.reference,
    JSON.stringify(
      commitments.map((commitment) => ({
        commitment_id: commitment.id,
        status: "done",
        evidence_url: checkingIn.evidence,
        note: "Bread from two Stevenage bakers.",
      })),
    ),
  ]);
  // From the same address as the one to approve: the officer sees the two side by side.
  await onDevDatabase("select * from public.submit_pledge($1::jsonb)", [
    pledgeJson(`Look Alike Cafe ${run}`, `approve.${run}@example.org`),
  ]);
});

test("an officer signs in with the e-mailed code, decides two pledges, a pledger's change and a check-in, takes a paper pledge, exports and signs out, by keyboard", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto("/officer/");
  await expect(page).toHaveURL(/\/officer\/sign-in\/\?ended$/, firstAnswer);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to the officers' console");
  await check(page);

  // An address that is not an officer's: the same next page, and no e-mail.
  await type(page.getByLabel("Your council e-mail address"), "stranger@example.org");
  await press(page.getByRole("button", { name: "Send me a code" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your e-mail", firstAnswer);
  expect(
    (await readOutbox(join(devServerData, "outbox"))).filter((mail) => mail.to === "stranger@example.org"),
  ).toEqual([]);

  await page.goto("/officer/sign-in/");
  await press(page.getByRole("button", { name: "Send me a code" }));
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter your council e-mail address");
  await check(page);
  await type(page.getByLabel("Your council e-mail address"), officer.email.toUpperCase());
  await press(page.getByRole("button", { name: "Send me a code" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your e-mail");
  await check(page);

  await type(page.getByLabel("Code from the e-mail"), "000000");
  await press(page.getByRole("button", { name: "Sign in" }));
  await expect(page.locator(".govuk-error-summary")).toContainText("That code did not work");
  await check(page);
  await type(page.getByLabel("Code from the e-mail"), await latestCode(officer.email));
  await press(page.getByRole("button", { name: "Sign in" }));
  await expect(page).toHaveURL(/\/officer\/$/);
  await expect(page.getByText(`Signed in as ${officer.name} (${officer.email})`)).toBeVisible();
  const cookie = (await page.context().cookies()).find((each) => each.name === "__Host-officer-session");
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict" });
  await check(page);

  await press(page.getByRole("link", { name: "Pledges", exact: true }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pledges");
  await check(page);
  await type(page.getByLabel("Reference, name or e-mail address"), pledgeNames.approve);
  await press(page.getByRole("button", { name: "Apply filters" }));
  await expect(page.getByText("1 pledge(s), oldest first")).toBeVisible();
  await press(page.getByRole("row", { name: new RegExp(pledgeNames.approve) }).getByRole("link"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Pledge SC-/);
  await expect(page.getByText(`approve.${run}@example.org`).first()).toBeVisible();
  const lookAlikes = page.getByRole("region", { name: "Pledges that look like this one" });
  await expect(lookAlikes.getByRole("row", { name: new RegExp(`Look Alike Cafe ${run}`) })).toContainText(
    "same e-mail address",
  );
  await check(page);
  await press(page.getByRole("button", { name: "Approve" }));
  await expect(page.locator(".govuk-notification-banner")).toContainText("is approved");
  await check(page);

  await page.goto(`/officer/pledges/?search=${encodeURIComponent(pledgeNames.reject)}`);
  await press(page.getByRole("row", { name: new RegExp(pledgeNames.reject) }).getByRole("link"));
  await press(page.getByRole("button", { name: "Reject" }));
  await expect(page.locator(".govuk-error-summary")).toContainText("Select why the pledge is rejected");
  await check(page);
  await press(page.getByLabel("No connection to Stevenage"), "Space");
  await type(page.getByLabel("More about the reason (optional)"), "Based in Luton.");
  await press(page.getByRole("button", { name: "Reject" }));
  await expect(page.getByRole("heading", { name: "Are you sure?" })).toBeVisible();
  await check(page);
  await press(page.getByRole("button", { name: "Yes, reject" }));
  await expect(page.locator(".govuk-notification-banner")).toContainText("is rejected");
  await expect(page.getByText("No connection to Stevenage: Based in Luton.")).toBeVisible();
  await check(page);

  await press(page.getByRole("link", { name: "Overview" }));
  await press(page.getByRole("link", { name: "Review the changes waiting" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changes waiting for review");
  await check(page);
  await press(page.getByRole("row", { name: new RegExp(changing.name) }).getByRole("link"));
  const proposed = page.getByRole("region", { name: "What the pledger wants to change" });
  await expect(proposed.getByRole("row", { name: /In their own words/ })).toContainText(changing.commitment);
  await check(page);
  await press(page.getByRole("button", { name: "Approve the change" }));
  await expect(page.getByRole("heading", { name: "Are you sure?" })).toBeVisible();
  await check(page);
  await press(page.getByRole("button", { name: "Yes, approve the change" }));
  await expect(page.locator(".govuk-notification-banner")).toContainText("The change to SC-");
  await check(page);
  const [onWall] = await onDevDatabase<{ commitment: string }>(
    "select commitment from public.public_signatories where name = $1",
    [changing.name],
  );
  expect(onWall?.commitment).toBe(changing.commitment);

  await press(page.getByRole("link", { name: "Overview" }));
  await press(page.getByRole("link", { name: "Review the check-ins waiting" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check-ins waiting for review");
  await check(page);
  await press(page.getByRole("row", { name: new RegExp(checkingIn.name) }).getByRole("link"));
  const answer = page.getByRole("region", { name: "Purchasing goods or services from others in the local area" });
  await expect(answer.getByRole("row", { name: /Evidence link/ })).toContainText(checkingIn.evidence);
  await expect(answer.getByRole("row", { name: /Status/ })).toContainText("Done");
  await check(page);
  await press(page.getByRole("button", { name: "Reject the check-in" }));
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter why the check-in is rejected");
  await check(page);
  await press(page.getByRole("button", { name: "Accept the check-in" }));
  await expect(page.getByRole("heading", { name: "Are you sure?" })).toBeVisible();
  await check(page);
  await press(page.getByRole("button", { name: "Yes, accept the check-in" }));
  await expect(page.locator(".govuk-notification-banner")).toContainText("the wall shows them after the next rebuild");
  await expect(page.getByRole("region", { name: "Commitments" })).toContainText(checkingIn.evidence);
  await check(page);
  const published = await onDevDatabase<{ status: string; evidence_url: string }>(
    "select c.status, c.evidence_url from public.public_commitments() as c join public.public_signatories as s on s.id = c.signatory_id where s.name = $1",
    [checkingIn.name],
  );
  expect(published).toEqual([{ status: "done", evidence_url: checkingIn.evidence }]);

  await press(page.getByRole("link", { name: "Record a check-in taken by phone or in person" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Record a check-in for SC-/);
  await check(page);
  await press(page.getByRole("button", { name: "Record the check-in" }));
  await expect(page.locator(".govuk-error-summary")).toContainText("Select how the check-in was taken");
  await check(page);

  await press(page.getByRole("link", { name: "Take a pledge" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Take a pledge");
  await check(page);
  await press(page.getByRole("button", { name: "Store the pledge" }));
  await expect(page.locator(".govuk-error-summary")).toContainText("Select how the pledge was made");
  await check(page);
  const paperName = `Paper Pledge Florist ${run}`;
  await press(page.getByLabel("Charity, voluntary or community group"), "Space");
  await page.getByLabel("Name of your organisation").fill("");
  await type(page.getByLabel("Name of your organisation"), paperName);
  await press(page.getByLabel("Shopping locally or volunteering with a community group"), "Space");
  await type(page.getByLabel("Your full name"), "Flo Rist");
  await type(page.getByLabel("Email address"), `flo.${run}@example.org`);
  await press(page.getByLabel("Yes, show the name I gave", { exact: true }), "Space");
  await press(page.getByLabel("On paper", { exact: true }), "Space");
  const formDate = page.getByRole("group", { name: "Date on the paper form" });
  await type(formDate.getByLabel("Day"), "2");
  await type(formDate.getByLabel("Month"), "11");
  await type(formDate.getByLabel("Year"), "2026");
  await press(page.getByLabel("The person was given the privacy notice on paper, and signed the form"), "Space");
  await press(page.getByRole("button", { name: "Store the pledge" }));
  await expect(page.locator(".govuk-notification-banner")).toContainText(/Pledge SC-[0-9A-Z]{8} is stored/);
  await check(page);
  const [taken] = await onDevDatabase<{ channel: string; form_dated: string }>(
    "select channel, to_char(form_dated, 'YYYY-MM-DD') as form_dated from public.pledges where name = $1",
    [paperName],
  );
  expect(taken).toEqual({ channel: "paper", form_dated: "2026-11-02" });

  await press(page.getByRole("link", { name: "Set aside" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pledges set aside");
  await check(page);

  await press(page.getByRole("link", { name: "Overview" }));
  const download = page.waitForEvent("download");
  await press(page.getByRole("button", { name: "Download the private export (CSV)" }));
  const csv = await readFile((await (await download).path()) ?? "", "utf8");
  expect(csv.split("\n")[0]).toContain("contact_email");
  expect(csv).toContain(`flo.${run}@example.org`);
  await page.reload();
  await expect(page.getByRole("row", { name: /Private export downloaded/ }).first()).toBeVisible();

  await press(page.getByRole("button", { name: "Sign out" }));
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await check(page);
  await page.goto("/officer/pledges/");
  await expect(page).toHaveURL(/\/officer\/sign-in\/\?ended$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an officer signs in with the code, reads the queue and signs out", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/officer/sign-in/");
    await page.getByLabel("Your council e-mail address").fill(officer.email);
    await page.getByRole("button", { name: "Send me a code" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your e-mail", firstAnswer);
    await page.getByLabel("Code from the e-mail").fill(await latestCode(officer.email));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/officer\/$/);
    await page.getByRole("link", { name: "Pledges", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pledges");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
  });
});
