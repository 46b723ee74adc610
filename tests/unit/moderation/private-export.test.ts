import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "../../../src/csv.ts";
import { toPrivateCsv } from "../../../src/moderation/private-export.ts";
import type { PledgeRecord } from "../../../src/storage/pledge-store.ts";

const record = (overrides: Partial<PledgeRecord> = {}): PledgeRecord => ({
  id: "6f1c2d9e-8a43-4c1b-9f5e-2b7d1a0c3e4f",
  reference: "SC-7K3M9QAB",
  name: "Fairlands Bakery",
  kind: "business",
  status: "pending",
  listing: "organisation-name",
  created_at: "2026-11-25T10:00:00Z",
  ward: null,
  website: null,
  actions: ["buying-locally", "cooperatives"],
  commitment: null,
  target_date: null,
  contact_name: "Sam Baker",
  contact_email: "sam@example.com",
  channel: "online",
  charter_version: "2020-01",
  decided_at: null,
  history: [],
  ...overrides,
});

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
