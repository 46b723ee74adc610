/**
 * The key in a link e-mailed to a pledger: an HMAC of the pledge's reference, so the link works
 * for as long as the pledge exists without storing anything, and nobody can use it by guessing a
 * reference. Each kind of link signs with a purpose of its own, so a key made for one can never
 * pass as another's.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type LinkPurpose = "withdraw" | "confirm" | "manage" | "check-in";

export function linkKey(secret: string, purpose: LinkPurpose, reference: string): string {
  return createHmac("sha256", secret)
    .update(`stevenage-charter:${purpose}:${reference.toUpperCase()}`)
    .digest("base64url")
    .slice(0, 32);
}

export function isLinkKey(secret: string, purpose: LinkPurpose, reference: string, key: unknown): boolean {
  if (typeof key !== "string" || key.length !== 32) return false;
  const expected = Buffer.from(linkKey(secret, purpose, reference));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The link to an endpoint of the site, carrying the reference and its key. */
export function signedLink(siteUrl: string, path: string, secret: string, purpose: LinkPurpose, reference: string) {
  const url = new URL(path, siteUrl);
  url.searchParams.set("ref", reference);
  url.searchParams.set("key", linkKey(secret, purpose, reference));
  return url.toString();
}
