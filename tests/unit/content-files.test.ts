/** Every file in content/ has a schema and passes it, as the build checks; e-mails ask only for what they are given. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import emails from "../../content/emails.json" with { type: "json" };
import { contentProblems, emailsSchema } from "../../src/content-files.ts";
import { emailPlaceholders, pledgerPlaceholders } from "../../src/notify/email-placeholders.ts";

const contentDir = join(import.meta.dirname, "../../content");
const copies: string[] = [];
/** A copy of content/ to break on purpose. */
function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "content-"));
  cpSync(contentDir, dir, { recursive: true });
  copies.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the files in content/", () => {
  it("each have a schema and pass it", () => {
    expect(contentProblems(contentDir)).toEqual([]);
  });

  it("names a file without a schema, and says where to add one", () => {
    const dir = copyOfContent();
    writeFileSync(join(dir, "notes.json"), "{}");
    expect(contentProblems(dir)).toEqual([
      "content/notes.json has no schema: add it to contentFiles in src/content-files.ts",
    ]);
  });

  it("names the file and the field when a word is missing", () => {
    const dir = copyOfContent();
    const { continueButton: _gone, ...form } = JSON.parse(readFileSync(join(dir, "pledge-form.json"), "utf8"));
    writeFileSync(join(dir, "pledge-form.json"), JSON.stringify(form));
    expect(contentProblems(dir).join("\n")).toMatch(/^content\/pledge-form\.json: continueButton: /);
  });

  it("refuses a message of the officers' command that asks for a value the command does not fill in", () => {
    const dir = copyOfContent();
    const words = JSON.parse(readFileSync(join(dir, "officers-cli.json"), "utf8"));
    words.removed = "{email} was removed by {actor}; their code was {code}.";
    writeFileSync(join(dir, "officers-cli.json"), JSON.stringify(words));
    expect(contentProblems(dir)).toEqual([
      "content/officers-cli.json: removed: uses {code}, which this message is not given (it may use {email}, {actor})",
    ]);
  });

  it("refuses a ward name too long for the form's list and the wall's filter", () => {
    const dir = copyOfContent();
    writeFileSync(join(dir, "wards.json"), JSON.stringify([{ id: "old-town", name: "Old Town ".repeat(10) }]));
    expect(contentProblems(dir).join("\n")).toMatch(/^content\/wards\.json: 0\.name: /);
  });
});

describe("the e-mail templates", () => {
  it("give a pledger's e-mails nothing but the values made for pledgers", () => {
    for (const name of ["receipt", "duplicate", "approved", "approvedListing", "withdrawn"] as const) {
      for (const placeholder of emailPlaceholders[name]) expect(pledgerPlaceholders, name).toContain(placeholder);
    }
  });

  it.each([
    ["receipt", "{name}"],
    ["withdrawn", "{contactName}"],
    ["duplicate", "{reference}"],
  ] as const)("refuses a %s that asks for %s, which that e-mail is not given", (name, placeholder) => {
    const broken = structuredClone(emails);
    broken[name].body.push(`Dear ${placeholder},`);
    const result = emailsSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([name, "body", broken[name].body.length - 1]);
    expect(result.error?.issues[0]?.message).toContain(`uses ${placeholder}, which this message is not given`);
  });

  it("lets the council's e-mail name the pledger", () => {
    expect(emailsSchema.safeParse(emails).success).toBe(true);
    expect(emailPlaceholders.councilNewPledge).toContain("name");
  });
});
