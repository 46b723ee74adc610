/** The charter page carries the council's text faithfully: every sentence of the source document. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, fileFor, readPage } from "./support/built-site.ts";
import { normalise, sentencesOf } from "./support/charter-sentences.ts";

beforeAll(assertBuilt);

describe("the charter page", () => {
  const source = readFileSync(join(import.meta.dirname, "../../content/source/stevenage-charter.txt"), "utf8");
  const page = () => normalise(readPage(fileFor("/charter/") ?? "").querySelector("main")?.text ?? "");

  it("splits the source into a meaningful number of sentences", () => {
    expect(sentencesOf(source).length).toBeGreaterThan(30);
  });

  it.each(sentencesOf(source))("contains: %s", (sentence) => {
    expect(page()).toContain(sentence);
  });
});
