/**
 * The link to a pledger's own page, signed as link-key.ts signs every pledger's link. Opening it
 * shows the pledge and changes nothing; every change is a POST from a button on the page, so a
 * mail scanner that opens the link does no harm.
 */
import { isLinkKey, signedLink } from "./link-key.ts";

export const manageEndpoint = "/api/manage";
/** Where a person asks for the link again, with their reference and e-mail address. */
export const managePagePath = "/pledge/manage/";

export const isManageKey = (secret: string, reference: string, key: unknown) =>
  isLinkKey(secret, "manage", reference, key);

export const manageLink = (siteUrl: string, secret: string, reference: string) =>
  signedLink(siteUrl, manageEndpoint, secret, "manage", reference);

/** The link in the e-mail to a new address: its code, typed for the person on a page with one button. */
export function addressLink(siteUrl: string, reference: string, code: string): string {
  const url = new URL(manageEndpoint, siteUrl);
  url.searchParams.set("ref", reference);
  url.searchParams.set("address-code", code);
  return url.toString();
}
