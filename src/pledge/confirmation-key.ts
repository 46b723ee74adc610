/**
 * The link that confirms a pledge, signed as link-key.ts signs every pledger's link. It opens a
 * page with a button; only the button's POST confirms, so a mail scanner opening the link
 * confirms nothing.
 */
import { isLinkKey, linkKey, signedLink } from "./link-key.ts";

export const confirmEndpoint = "/api/confirm";
/** Where a person types the code from the e-mail. */
export const confirmPagePath = "/pledge/confirm/";

export const confirmationKey = (secret: string, reference: string) => linkKey(secret, "confirm", reference);

export const isConfirmationKey = (secret: string, reference: string, key: unknown) =>
  isLinkKey(secret, "confirm", reference, key);

export const confirmationLink = (siteUrl: string, secret: string, reference: string) =>
  signedLink(siteUrl, confirmEndpoint, secret, "confirm", reference);
