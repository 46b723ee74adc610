import { describe, expect, it } from "vitest";
import { isWithdrawalKey, withdrawalKey, withdrawalLink } from "../../../src/pledge/withdrawal-key.ts";

describe("withdrawal keys", () => {
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
