/** The open data's documented shape: lists in the JSON, one cell each in a CSV Excel reads right. */
import { describe, expect, it } from "vitest";
import { pledgeCatalogue } from "../../../src/pledge/pledge-catalogue.ts";
import type { Standing } from "../../../src/wall/levels.ts";
import { openDataColumns, openDataCsv, openDataJson } from "../../../src/wall/open-data.ts";
import type { PublicSignatory } from "../../../src/wall/public-signatories.ts";

const [first, second] = pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions);

const signatory = (overrides: Partial<PublicSignatory> = {}): PublicSignatory => ({
  id: "00000000-0000-4000-8000-000000000001",
  name: "Café Élan",
  kind: "business",
  ward: null,
  website: null,
  actions: [first?.id ?? "", second?.id ?? ""],
  commitment: null,
  target_date: "2027-03-01",
  listed_at: "2026-11-25T10:00:00.000Z",
  ...overrides,
});

/** Every signatory at the first level unless given: the levels have their own tests (levels.test.ts). */
const standings = (signatories: PublicSignatory[], given: Partial<Standing> = {}) =>
  new Map(
    signatories.map((s): [string, Standing] => [
      s.id,
      { level: "signatory", since: s.listed_at, lapsed: false, lastUpdated: s.listed_at, reached: [], ...given },
    ]),
  );

const json = (signatories: PublicSignatory[], given: Partial<Standing> = {}) =>
  JSON.parse(openDataJson(signatories, standings(signatories, given), "https://charter.example")) as {
    columns: Record<string, string>;
    signatories: Record<string, unknown>[];
  };

describe("the open data JSON", () => {
  it("gives the actions as a list of codes and a list of names, in the same order", () => {
    const [row] = json([signatory()]).signatories;
    expect(row?.actions).toEqual([first?.id, second?.id]);
    expect(row?.action_names).toEqual([first?.name, second?.name]);
  });

  it("gives a signatory with no listed action empty lists, not an empty string", () => {
    const [row] = json([signatory({ actions: [] })]).signatories;
    expect(row?.actions).toEqual([]);
    expect(row?.action_names).toEqual([]);
  });

  it("gives each signatory's level, the date it was reached and whether it has lapsed", () => {
    const [row] = json([signatory()], { level: "partner", since: "2027-01-05T10:00:00.000Z" }).signatories;
    expect(row).toMatchObject({ level: "partner", level_since: "2027-01-05T10:00:00.000Z", lapsed: false });
    const [lapsed] = json([signatory()], { lapsed: true }).signatories;
    expect(lapsed).toMatchObject({ level: "signatory", lapsed: true });
  });

  it("refuses to publish a signatory whose level was not worked out", () => {
    expect(() => openDataJson([signatory()], new Map(), "https://charter.example")).toThrow(/no recognition level/);
  });

  it("describes every column each row has, and no other", () => {
    const { columns, signatories } = json([signatory()]);
    expect(Object.keys(columns)).toEqual(Object.keys(signatories[0] ?? {}));
    for (const description of Object.values(columns)) expect(description.trim()).not.toBe("");
  });
});

describe("the open data CSV", () => {
  it("starts with the UTF-8 byte order mark, once, then the header", () => {
    const bytes = Buffer.from(openDataCsv([signatory()], standings([signatory()])), "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 6).toString("utf8")).not.toBe("\uFEFF");
    expect(bytes.subarray(3).toString("utf8").split("\r\n")[0]).toBe(Object.keys(openDataColumns).join(","));
  });

  it("keeps the actions in one cell each, joined with semicolons", () => {
    const [, row] = openDataCsv([signatory()], standings([signatory()])).split("\r\n");
    expect(row).toContain(`,${first?.id}; ${second?.id},`);
    expect(row).toContain(`,${first?.name}; ${second?.name},`);
  });
});
