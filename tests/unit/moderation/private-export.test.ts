import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "../../../src/csv.ts";
import { toPrivateCsv } from "../../../src/moderation/private-export.ts";
import { pledgeRecord } from "../../fixtures/pledge-records.ts";

const record = pledgeRecord;

describe("the private export", () => {
  it.each(["=1+1", "+44 1438", "-2", "@SUM(A1)", "\tx", "\rx"])(
    "shows the cell %j as text in a spreadsheet",
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    },
  );

  it("leaves ordinary cells alone", () => {
    expect(neutraliseFormula("Fairlands Bakery")).toBe("Fairlands Bakery");
  });

  it("quotes commas, quotes and new lines, and joins the actions", () => {
    const csv = toPrivateCsv([record({ commitment: 'We "will", really\nbuy local' })]);
    const [header, row] = csv.split("\r\n");
    expect(header?.split(",")).toContain("contact_email");
    expect(row).toContain('"We ""will"", really\nbuy local"');
    expect(row).toContain("buying-locally; cooperatives");
  });
});
