/** The words in content/ obey the same schemas the build uses, plus the rules no schema can say alone. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load as loadYaml } from "js-yaml";
import { describe, expect, it } from "vitest";
import {
  actionGuideSchema,
  actionSchema,
  benefitIds,
  benefitSchema,
  charterSchema,
  faqSchema,
  pageSchema,
  siteSchema,
} from "../../src/content-schemas.ts";

const contentDir = join(import.meta.dirname, "../../content");
const loadList = (name: string): unknown[] => {
  const text = readFileSync(join(contentDir, name), "utf8");
  const data = name.endsWith(".json") ? JSON.parse(text) : loadYaml(text);
  if (!Array.isArray(data)) throw new Error(`${name} must be a YAML list`);
  return data;
};
const frontmatterOf = (file: string) => {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(contentDir, "pages", file), "utf8"));
  if (!match?.[1]) throw new Error(`${file} has no frontmatter`);
  return loadYaml(match[1]);
};

describe("content", () => {
  it("has exactly one valid site settings entry", () => {
    const entries = loadList("site.yaml");
    expect(entries).toHaveLength(1);
    expect(() => siteSchema.parse(entries[0])).not.toThrow();
  });

  it("has the charter's two benefits and no other", () => {
    const benefits = loadList("benefits.json").map((entry) => benefitSchema.parse(entry));
    expect(benefits.map((benefit) => benefit.id).sort()).toEqual([...benefitIds].sort());
  });

  it("has exactly 11 actions, each with a unique id, a unique position and one of the two benefits", () => {
    const actions = loadList("actions.json").map((entry) => actionSchema.parse(entry));
    expect(actions).toHaveLength(11);
    expect(new Set(actions.map((action) => action.id)).size).toBe(11);
    expect(new Set(actions.map((action) => action.order)).size).toBe(11);
    for (const action of actions) expect(benefitIds).toContain(action.benefit);
  });

  it("groups the actions as the charter does: 5 for a fairer society, 6 for a more resilient economy", () => {
    const actions = loadList("actions.json").map((entry) => actionSchema.parse(entry));
    const count = (benefit: string) => actions.filter((action) => action.benefit === benefit).length;
    expect(count("fairer-society")).toBe(5);
    expect(count("resilient-economy")).toBe(6);
  });

  it("names every action in the charter's own words", () => {
    const charter = readFileSync(join(contentDir, "source/stevenage-charter.txt"), "utf8");
    const actions = loadList("actions.json").map((entry) => actionSchema.parse(entry));
    for (const action of actions) expect(charter).toContain(`- ${action.title}.`);
  });

  it("gives every action exactly one guide, and no guide without an action", () => {
    const actions = loadList("actions.json").map((entry) => actionSchema.parse(entry).id);
    const guides = loadList("action-guides.yaml").map((entry) => actionGuideSchema.parse(entry).id);
    expect([...guides].sort()).toEqual([...actions].sort());
  });

  it("records the charter's version and adoption date", () => {
    const charter = charterSchema.parse(JSON.parse(readFileSync(join(contentDir, "charter.json"), "utf8")));
    expect(charter.adopted).toBe("2020-01-29");
  });

  it("gives every FAQ entry a question and an answer, with at least 12 entries and unique ids", () => {
    const faq = loadList("faq.yaml").map((entry) => faqSchema.parse(entry));
    expect(faq.length).toBeGreaterThanOrEqual(12);
    expect(new Set(faq.map((entry) => entry.id)).size).toBe(faq.length);
    for (const entry of faq) {
      expect(entry.question.trim()).not.toBe("");
      expect(entry.answer.join(" ").trim()).not.toBe("");
    }
  });

  it("puts every FAQ question under exactly one of the FAQ's headings, and names no other", () => {
    const [site] = loadList("site.yaml");
    const groups = siteSchema.parse(site).labels.faq.groups;
    const questions = loadList("faq.yaml").map((entry) => faqSchema.parse(entry).id);
    const grouped = groups.flatMap((group) => group.questions);
    expect([...grouped].sort()).toEqual([...questions].sort());
    expect(new Set(groups.map((group) => group.id)).size).toBe(groups.length);
  });

  it("gives every page a title and a description within the limits", () => {
    const files = readdirSync(join(contentDir, "pages")).filter((file) => file.endsWith(".mdx"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const result = pageSchema.safeParse(frontmatterOf(file));
      expect(result.success, `${file}: ${result.error?.message}`).toBe(true);
    }
  });

  it("never starts a page body at a level-one heading, because the layout owns the only <h1>", () => {
    for (const file of readdirSync(join(contentDir, "pages"))) {
      const body = readFileSync(join(contentDir, "pages", file), "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
      expect(body, file).not.toMatch(/^# /m);
    }
  });
});
