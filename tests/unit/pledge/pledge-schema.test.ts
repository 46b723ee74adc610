import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionIds } from "../../../src/pledge/pledge-catalogue.ts";
import { fieldErrorsOf, limits, makePledgeSchema } from "../../../src/pledge/pledge-schema.ts";
import { validValues } from "../../fixtures/pledge-values.ts";

const schema = makePledgeSchema(() => "2026-11-25");
const errorsFor = (values: Record<string, unknown>) => {
  const result = schema.safeParse(values);
  return result.success ? {} : fieldErrorsOf(result.error);
};

describe("the pledge schema", () => {
  it("accepts a complete pledge and stores the website with its scheme", () => {
    const result = schema.parse(validValues());
    expect(result.website).toBe("https://www.fairlands-bakery.example");
    expect(result.actions).toEqual(["buying-locally", "work-placements"]);
  });

  it("reports every problem at once, keyed by field, in form order", () => {
    const errors = errorsFor({});
    expect(Object.keys(errors)).toEqual(["kind", "name", "actions", "contactName", "email", "listing", "privacy"]);
    expect(errors.email).toBe("Enter an email address");
    expect(errors.privacy).toBe("Confirm that you have read the privacy notice");
  });

  it.each([
    ["kind", { kind: "government" }, "Select who the pledge is from"],
    ["name", { name: "   " }, "Enter the name of your organisation, or your name if you are pledging as a resident"],
    ["name", { name: "x".repeat(limits.name + 1) }, "Name must be 120 characters or fewer"],
    ["ward", { ward: "atlantis" }, "Select an area from the list"],
    ["website", { website: "not a website" }, "Enter a website address in the correct format, like www.example.org"],
    [
      "website",
      { website: "javascript:alert(1)" },
      "Enter a website address in the correct format, like www.example.org",
    ],
    ["actions", { actions: ["make-money"] }, "Select actions from the list"],
    ["actions", { actions: [], commitment: "" }, "Select at least one action, or describe your own commitment"],
    [
      "commitment",
      { commitment: "x".repeat(limits.commitment + 1) },
      "Your commitment must be 1,000 characters or fewer",
    ],
    ["targetDate", { targetDay: "31", targetMonth: "2", targetYear: "2027" }, "Target date must be a real date"],
    ["targetDate", { targetDay: "1", targetMonth: "", targetYear: "2027" }, "Target date must include a month"],
    [
      "targetDate",
      { targetDay: "1", targetMonth: "1", targetYear: "2020" },
      "Target date must be today or in the future",
    ],
    ["targetDate", { targetDay: "1", targetMonth: "1", targetYear: "2040" }, "Target date must be within 10 years"],
    ["contactName", { contactName: "" }, "Enter your full name"],
    ["email", { email: "sam at example.com" }, "Enter an email address in the correct format, like name@example.com"],
    ["listing", { listing: "everywhere" }, "Select whether and how your pledge can be shown on the public list"],
    [
      "ward",
      { listing: "name-and-area", ward: "" },
      "Select your area, or choose another way to be shown on the public list",
    ],
    ["privacy", { privacy: "no" }, "Confirm that you have read the privacy notice"],
  ])("refuses a bad %s with the GOV.UK-style message", (field, overrides, message) => {
    expect(errorsFor(validValues(overrides))).toEqual({ [field]: message });
  });

  it("refuses text fields sent as other JSON types with the field's own message", () => {
    expect(errorsFor(validValues({ name: 42, email: { at: "x" } }))).toEqual({
      name: "Enter the name of your organisation, or your name if you are pledging as a resident",
      email: "Enter an email address in the correct format, like name@example.com",
    });
  });

  it("accepts one action sent as a single form value, and drops repeats", () => {
    expect(schema.parse(validValues({ actions: "cooperatives" })).actions).toEqual(["cooperatives"]);
    expect(schema.parse(validValues({ actions: ["cooperatives", "cooperatives"] })).actions).toEqual(["cooperatives"]);
  });

  it("accepts a commitment in the person's own words without any listed action", () => {
    expect(schema.safeParse(validValues({ actions: [] })).success).toBe(true);
  });

  it("keeps a target date as an ISO date", () => {
    expect(schema.parse(validValues({ targetDay: "5", targetMonth: "4", targetYear: "2027" })).targetDate).toBe(
      "2027-04-05",
    );
  });

  it("keeps the joiners emoji and some scripts need", () => {
    expect(schema.parse(validValues({ name: "Coders 👩\u200D💻 Club" })).name).toBe("Coders 👩\u200D💻 Club");
  });

  it("normalises names: NFC, no control or bidi characters, single spaces", () => {
    const result = schema.parse(validValues({ name: "  Cafe\u0301\u202E  Co-op\t\u0000 " }));
    expect(result.name).toBe("Café Co-op");
  });

  it("never lets a text field exceed its limit or keep control characters, whatever is typed", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 200 }),
        fc.string({ unit: "binary", maxLength: 1200 }),
        (name, commitment) => {
          const result = schema.safeParse(validValues({ name, commitment }));
          if (!result.success) return;
          expect(result.data.name.length).toBeLessThanOrEqual(limits.name);
          expect(result.data.name).not.toMatch(/[\p{Cc}\u202A-\u202E]/u);
          expect(result.data.name).toBe(result.data.name.trim());
          expect(result.data.commitment.length).toBeLessThanOrEqual(limits.commitment);
          expect(result.data.commitment).not.toMatch(/[^\P{Cc}\n]/u);
        },
      ),
    );
  });

  it("accepts any name of 1 to 120 visible characters", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: limits.name }).filter((s) => s.trim() !== ""),
        (name) => {
          expect(schema.safeParse(validValues({ name })).success).toBe(true);
        },
      ),
    );
  });

  it("accepts every charter action id and no other string", () => {
    for (const id of actionIds) expect(schema.safeParse(validValues({ actions: [id] })).success).toBe(true);
    fc.assert(
      fc.property(
        fc.string().filter((s) => !(actionIds as readonly string[]).includes(s)),
        (id) => {
          expect(schema.safeParse(validValues({ actions: [id] })).success).toBe(false);
        },
      ),
    );
  });
});
