import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isWithdrawalKey, withdrawalKey, withdrawalLink } from "../../../src/pledge/withdrawal-key.ts";

// A known answer, so a change to how keys are made (which would break every link already
// e-mailed) fails here: HMAC-SHA-256 of the purpose and the upper-case reference, base64url,
// first 32 characters.
const knownSecret = "known-answer-secret";
const knownReference = "SC-7K3M9QAB";
const knownKey = "vVRBOn143TmzkHjgLKxhha0dTLDE1WgS";

describe("withdrawal keys", () => {
  it("makes the known key for a known secret and reference", () => {
    expect(withdrawalKey(knownSecret, knownReference)).toBe(knownKey);
  });

  it("makes the key as documented, computed here without the module", () => {
    const independent = createHmac("sha256", knownSecret)
      .update(`stevenage-charter:withdraw:${knownReference}`)
      .digest("base64url")
      .slice(0, 32);
    expect(independent).toBe(knownKey);
    expect(withdrawalKey(knownSecret, knownReference.toLowerCase())).toBe(independent);
  });

  it("accepts the key made for a reference with the same secret", () => {
    expect(isWithdrawalKey("s1", "SC-7K3M9QAB", withdrawalKey("s1", "SC-7K3M9QAB"))).toBe(true);
  });

  it.each([
    ["another secret", withdrawalKey("s2", "SC-7K3M9QAB")],
    ["another reference", withdrawalKey("s1", "SC-7K3M9QAC")],
    ["a truncated key", withdrawalKey("s1", "SC-7K3M9QAB").slice(0, 31)],
    ["nothing", undefined],
    ["a number", 42],
  ])("refuses a key made with %s", (_case, key) => {
    expect(isWithdrawalKey("s1", "SC-7K3M9QAB", key)).toBe(false);
  });

  it("puts the reference and its key in a link on the site", () => {
    const link = new URL(withdrawalLink("https://charter.example", "s1", "SC-7K3M9QAB"));
    expect(link.origin + link.pathname).toBe("https://charter.example/api/withdraw");
    expect(link.searchParams.get("key")).toBe(withdrawalKey("s1", "SC-7K3M9QAB"));
  });
});
