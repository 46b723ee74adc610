/** The withdrawal link e-mailed to a pledger, signed as link-key.ts signs every pledger's link. */
import { isLinkKey, linkKey, signedLink } from "./link-key.ts";

export const withdrawalEndpoint = "/api/withdraw";

export const withdrawalKey = (secret: string, reference: string) => linkKey(secret, "withdraw", reference);

export const isWithdrawalKey = (secret: string, reference: string, key: unknown) =>
  isLinkKey(secret, "withdraw", reference, key);

export const withdrawalLink = (siteUrl: string, secret: string, reference: string) =>
  signedLink(siteUrl, withdrawalEndpoint, secret, "withdraw", reference);
