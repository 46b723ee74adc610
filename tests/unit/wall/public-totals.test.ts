/** The wall's two totals, said one way wherever they appear. */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load as loadYaml } from "js-yaml";
import { describe, expect, it } from "vitest";
import { siteSchema } from "../../../src/content-schemas.ts";
import { publicTotalsOf, totalsSentence } from "../../../src/wall/public-totals.ts";

const [site] = loadYaml(readFileSync(join(import.meta.dirname, "../../../content/site.yaml"), "utf8")) as unknown[];
const words = siteSchema.parse(site).labels.totals;

describe("the wall's totals", () => {
  it("counts every approved pledge from the database's total, and the named ones from the wall", () => {
    expect(publicTotalsOf([{ measure: "total", category: null, pledges: 237 }], 172)).toEqual({
      pledges: 237,
      named: 172,
    });
  });

  it("never takes a total under 5, even if one were handed out", () => {
    expect(publicTotalsOf([{ measure: "total", category: null, pledges: 4 }], 3).pledges).toBeUndefined();
  });

  it("says how many pledges there are and how many of them are named on the wall", () => {
    const sentence = totalsSentence(words, { pledges: 1237, named: 172 });
    expect(sentence).toContain("1,237");
    expect(sentence).toContain("172");
    expect(sentence.indexOf("1,237")).toBeLessThan(sentence.indexOf("172"));
    expect(sentence).not.toMatch(/signed/);
  });

  it("says fewer than 5 rather than a small total, and still how many are named", () => {
    const sentence = totalsSentence(words, { pledges: undefined, named: 3 });
    expect(sentence).toContain(words.fewerThanFive);
    expect(sentence).toContain("3");
  });

  it("says so when none of the pledges is named", () => {
    expect(totalsSentence(words, { pledges: 12, named: 0 })).toContain(words.noneNamed);
  });

  it("asks people to be among the first when nothing can be counted yet", () => {
    expect(totalsSentence(words, { pledges: undefined, named: 0 })).toBe(words.none);
  });
});
