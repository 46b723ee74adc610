/**
 * The link in a check-in e-mail, signed as link-key.ts signs every pledger's link, with a purpose
 * of its own. Opening it shows the check-in form and stores nothing; only the form's POST stores,
 * so a mail scanner that opens the link does no harm.
 */
import { isLinkKey, signedLink } from "./link-key.ts";

export const checkInEndpoint = "/api/check-in";
/** The static page that says what a check-in is, and where the function draws its answers. */
export const checkInPagePath = "/pledge/check-in/";

export const isCheckInKey = (secret: string, reference: string, key: unknown) =>
  isLinkKey(secret, "check-in", reference, key);

export const checkInLink = (siteUrl: string, secret: string, reference: string) =>
  signedLink(siteUrl, checkInEndpoint, secret, "check-in", reference);
