/**
 * The reference shown for a pledge that was not stored as new: a second pledge from the same
 * organisation and address, or one a spam check discarded. DESIGN.md: a duplicate is answered as
 * a success would be, or the confirmation page would tell a stranger whether someone has pledged.
 * So it carries a reference shaped exactly like a stored pledge's (SC- and 8 Crockford base-32
 * characters), derived from the attempt so a reload shows the same one. It refers to nothing;
 * the address's owner is told by e-mail of the pledge they already have.
 */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const encoder = new TextEncoder();

export async function decoyReference(secret: string, attempt: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const digest = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`decoy-reference:${attempt}`)));
  return `SC-${[...digest.subarray(0, 8)].map((byte) => alphabet[byte % 32]).join("")}`;
}
