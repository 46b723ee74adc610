/**
 * What a pledger does around the confirm pages, shared by the journeys: sends a pledge from the
 * form, and opens the e-mails it brings (the link and the code to confirm it, then the receipt).
 */
import type { Page } from "@playwright/test";
import { readOutbox } from "../integration/support/outbox.ts";
import { expect } from "./fixtures.ts";

// The token on "check your answers" refuses a send sooner than a person could read the page.
export const readingTime = 3500;

/** Where a stored pledge's "now confirm it" page is shown, with its reference. */
export const storedPledgePage = /\/api\/pledge\?reference=SC-[0-9A-Z]{8}$/;

export interface Pledger {
  name: string;
  email: string;
}

/** A person and an organisation no other test uses, so the outbox and database rows are theirs. */
export function newPledger(who: string): Pledger {
  const run = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return { name: `${who}'s Community Garden ${run}`, email: `${who.toLowerCase()}.${run}@example.com` };
}

/** Fills in the form, continues, and reads the check page long enough to be allowed to send. */
export async function fillAndCheck(page: Page, pledger: Pledger) {
  await page.goto("/pledge/");
  await page.getByLabel("Charity, voluntary or community group").check();
  await page.getByLabel("Name of your organisation").fill(pledger.name);
  await page.getByLabel("Purchasing goods or services from others in the local area").check();
  await page.getByLabel("Your full name").fill("Kit Gardener");
  await page.getByLabel("Email address").fill(pledger.email);
  await page.getByLabel("No, count my pledge but do not show my name").check();
  await page.getByLabel("I have read the privacy notice and understand how my details will be used").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your answers before sending your pledge" })).toBeVisible();
  await page.waitForTimeout(readingTime);
}

/** Sends the pledge from the check page; its reference, from the page it lands on. */
export async function acceptAndSend(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Accept and send pledge" }).click();
  await expect(page).toHaveURL(storedPledgePage);
  return new URL(page.url()).searchParams.get("reference") ?? "";
}

export async function sendPledge(page: Page, pledger: Pledger): Promise<string> {
  await fillAndCheck(page, pledger);
  return acceptAndSend(page);
}

/** The kind of each e-mail sent about a pledge ("confirm-first", "receipt", …), in sending order. */
export async function mailsAbout(outbox: string, reference: string): Promise<string[]> {
  return (await readOutbox(outbox))
    .filter((mail) => mail.reference.endsWith(` ${reference}`))
    .map((mail) => mail.reference.slice(0, -reference.length - 1));
}

/** The newest e-mail asking the pledger to confirm: whom it went to, its link and its code. */
export async function confirmMail(outbox: string, reference: string) {
  const mail = (await readOutbox(outbox)).filter((each) => each.reference === `confirm-first ${reference}`).at(-1);
  const link = mail?.body.match(/https?:\/\/\S+\/api\/confirm\?\S+/)?.[0];
  const code = mail?.body.match(/^[2-9A-Z]{6}$/m)?.[0];
  expect(link, `the e-mail to confirm ${reference} carries a link`).toBeTruthy();
  expect(code, `the e-mail to confirm ${reference} carries a code`).toBeTruthy();
  return { to: mail?.to, link: link ?? "", code: code ?? "" };
}

/** The receipt sent once the pledge is confirmed: whom it went to, and its withdrawal link. */
export async function receiptMail(outbox: string, reference: string) {
  const receipt = (await readOutbox(outbox)).find((mail) => mail.reference === `receipt ${reference}`);
  const withdrawLink = receipt?.body.match(/https?:\/\/\S+\/api\/withdraw\?\S+/)?.[0];
  expect(withdrawLink, `the receipt for ${reference} carries a withdrawal link`).toBeTruthy();
  return { to: receipt?.to, withdrawLink: withdrawLink ?? "" };
}
