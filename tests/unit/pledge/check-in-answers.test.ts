import { describe, expect, it } from "vitest";
import { checkCheckIn, checkInFieldIds, commitmentLabel } from "../../../src/pledge/check-in-answers.ts";

const action = { id: "0c8a4e1e-5d7b-4f7e-9a61-2f3b4c5d6e7f", action_id: "buying-locally" };
const ownWords = { id: "4d2f9b7a-1c3e-4a5b-8d6f-7e8a9b0c1d2e", action_id: null };
const fields = checkInFieldIds(action.id);
const own = checkInFieldIds(ownWords.id);

const answers = (values: Record<string, unknown>) =>
  checkCheckIn([action, ownWords], { [fields.status]: "started", [own.status]: "planned", ...values });

describe("a check-in's answers", () => {
  it("takes a status for each commitment, with no evidence or note as none", () => {
    expect(answers({ [fields.evidence]: "  ", [fields.note]: "" })).toEqual({
      ok: true,
      answers: [
        { commitment_id: action.id, status: "started", evidence_url: null, note: null },
        { commitment_id: ownWords.id, status: "planned", evidence_url: null, note: null },
      ],
    });
  });

  it("takes the evidence as people write it, with its scheme, as the pledge form takes a website", () => {
    const checked = answers({
      [fields.evidence]: " www.fairlands.example/news/seeds ",
      [own.evidence]: "HTTP://a.example",
    });
    expect(checked.ok && checked.answers.map((answer) => answer.evidence_url)).toEqual([
      "https://www.fairlands.example/news/seeds",
      "http://a.example",
    ]);
  });

  it("cleans the note as the pledge form cleans its text", () => {
    const checked = answers({ [fields.note]: "  We buy\u200B our  seeds\r\n\r\n\r\nlocally.\u202E " });
    expect(checked.ok && checked.answers[0]?.note).toBe("We buy our seeds\n\nlocally.");
  });

  it("says which commitment has no status, naming its action or the pledger's own commitment", () => {
    const checked = checkCheckIn([action, ownWords], {});
    expect(checked).toEqual({
      ok: false,
      errors: {
        [fields.status]:
          "Select where ‘Purchasing goods or services from others in the local area’ stands now: planned, started, done or dropped",
        [own.status]: "Select where ‘Your own commitment’ stands now: planned, started, done or dropped",
      },
    });
  });

  it.each([
    ["a status the form does not offer", { [fields.status]: "finished" }, fields.status, /^Select where/],
    [
      "evidence that is not a web address",
      { [fields.evidence]: "see our newsletter" },
      fields.evidence,
      /as a web address, like www\.example\.org$/,
    ],
    [
      "evidence that is not on the web",
      { [fields.evidence]: "ftp://files.example/report" },
      fields.evidence,
      /as a web address/,
    ],
    [
      "evidence longer than 200 characters",
      { [fields.evidence]: `www.example.org/${"a".repeat(190)}` },
      fields.evidence,
      /must be 200 characters or fewer$/,
    ],
    [
      "a note longer than 280 characters",
      { [fields.note]: "a".repeat(281) },
      fields.note,
      /must be 280 characters or fewer$/,
    ],
  ])("refuses %s on that field alone", (_case, values, field, message) => {
    const checked = answers(values);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors)).toEqual([field]);
    expect(checked.errors[field]).toMatch(message);
  });

  it("counts a note's length once cleaned, so spaces pasted around it do not count", () => {
    expect(answers({ [fields.note]: `   ${"a".repeat(280)}   ` }).ok).toBe(true);
  });

  it("reads the first of a field sent twice, and anything but text as no answer", () => {
    expect(answers({ [fields.status]: ["done", "dropped"] })).toMatchObject({
      ok: true,
      answers: [{ status: "done" }, { status: "planned" }],
    });
    expect(answers({ [fields.status]: 3 }).ok).toBe(false);
  });

  it("names a commitment by its action's title, or as the pledger's own", () => {
    expect(commitmentLabel(action)).toBe("Purchasing goods or services from others in the local area");
    expect(commitmentLabel(ownWords)).toBe("Your own commitment");
  });
});
