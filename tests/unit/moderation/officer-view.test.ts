/** What an officer reads: every value whole and wrapped, and no character a terminal would hide or obey. */
import { describe, expect, it } from "vitest";
import { fieldBlock, summaryTable, visibleText, wrapText } from "../../../src/moderation/officer-view.ts";
import type { PledgeSummary } from "../../../src/storage/pledge-store.ts";

const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(" ");

describe("wrapping a value", () => {
  it("keeps every word, each line no wider than asked", () => {
    const text = words(200);
    const lines = wrapText(text, 37);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(37);
    expect(lines.join(" ")).toBe(text);
  });

  it("splits a word longer than a line across lines rather than cutting it", () => {
    const word = "x".repeat(95);
    expect(wrapText(word, 40)).toEqual(["x".repeat(40), "x".repeat(40), "x".repeat(15)]);
  });

  it("keeps the writer's line breaks", () => {
    expect(wrapText("First paragraph.\n\nSecond.", 80)).toEqual(["First paragraph.", "", "Second."]);
  });

  it("never splits an emoji or an accented letter", () => {
    const text = "👩🏽‍🌾".repeat(5) + "e\u0301".repeat(5);
    expect(wrapText(text, 3).join("")).toBe(text);
    expect(wrapText(text, 3)[0]).toBe("👩🏽‍🌾".repeat(3));
  });
});

describe("characters a terminal would hide or obey", () => {
  it.each([
    ["an escape sequence", "\u001b[2J", "⟨U+001B⟩[2J"],
    ["a right-to-left override", "abc\u202Edef", "abc⟨U+202E⟩def"],
    ["a zero-width space", "Bake\u200Bry", "Bake⟨U+200B⟩ry"],
    ["a soft hyphen", "Bake\u00ADry", "Bake⟨U+00AD⟩ry"],
    ["a non-character", "Bakery\uFFFF", "Bakery⟨U+FFFF⟩"],
    ["a lone surrogate", "Bakery\uD800", "Bakery⟨U+D800⟩"],
    ["a tab", "a\tb", "a⟨U+0009⟩b"],
  ])("shows %s as its code point", (_name, text, shown) => {
    expect(visibleText(text)).toBe(shown);
  });

  it("leaves line breaks and emoji sequences as they are", () => {
    expect(visibleText("one\ntwo 👩🏽‍🌾")).toBe("one\ntwo 👩🏽‍🌾");
  });
});

describe("labelled values", () => {
  it("continues a long value under its column", () => {
    const block = fieldBlock(
      [
        ["reference", "SC-7K3M9QAB"],
        ["commitment", words(60)],
      ],
      60,
    ).split("\n");
    expect(block[0]).toBe("reference   SC-7K3M9QAB");
    expect(block[1]?.startsWith("commitment  word0 ")).toBe(true);
    expect(block.slice(2).every((line) => line.startsWith(" ".repeat(12)) && line.length <= 60)).toBe(true);
    expect(
      block
        .slice(1)
        .map((line) => line.slice(12))
        .join(" "),
    ).toBe(words(60));
  });

  it("joins a list and shows nothing for an empty value", () => {
    expect(
      fieldBlock(
        [
          ["actions", ["buying-locally", "cooperatives"]],
          ["website", null],
        ],
        80,
      ),
    ).toBe("actions  buying-locally, cooperatives\nwebsite");
  });
});

describe("the list of pledges", () => {
  it("shows a long name whole", () => {
    const name = `The ${"Very ".repeat(30)}Long Name`;
    const row: PledgeSummary = {
      id: "6f1c2d9e-8a43-4c1b-9f5e-2b7d1a0c3e4f",
      reference: "SC-7K3M9QAB",
      name,
      kind: "business",
      status: "pending",
      listing: "organisation-name",
      created_at: "2026-11-25T10:00:00.000Z",
    };
    expect(summaryTable([row]).split("\n")[2]?.endsWith(name)).toBe(true);
  });
});
