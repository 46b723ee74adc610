/**
 * The key in a pledger's withdrawal link: an HMAC of the pledge's reference, so the link works
 * for as long as the pledge exists without storing anything, and nobody can withdraw a pledge
 * by guessing its reference.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

// A purpose of its own, so a key made for withdrawal can never pass as any other signature.
const purpose = "stevenage-charter:withdraw:";

export function withdrawalKey(secret: string, reference: string): string {
  return createHmac("sha256", secret)
    .update(purpose + reference.toUpperCase())
    .digest("base64url")
    .slice(0, 32);
}

export function isWithdrawalKey(secret: string, reference: string, key: unknown): boolean {
  if (typeof key !== "string" || key.length !== 32) return false;
  const expected = Buffer.from(withdrawalKey(secret, reference));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function withdrawalLink(siteUrl: string, secret: string, reference: string): string {
  const url = new URL("/api/withdraw", siteUrl);
  url.searchParams.set("ref", reference);
  url.searchParams.set("key", withdrawalKey(secret, reference));
  return url.toString();
}
