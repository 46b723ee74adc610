/**
 * Shown means consented, through the built site: a pledge for every listing choice, from a
 * resident and from an organisation, each with an area and a website given, is approved and the
 * site built; each output (the wall page, the signatory's page, the JSON, the CSV, the feed)
 * shows the area only under "name and area", an organisation's website under both named choices
 * and a resident's never, and nothing at all of a pledge counted only. The share image is the
 * charter's own and carries no signatory. The privacy notice's table says the same.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import form from "../../../content/pledge-form.json" with { type: "json" };
import { listingChoices, shownFields } from "../../../src/pledge/listing-choices.ts";
import { type ListingId, listingIds } from "../../../src/pledge/pledge-catalogue.ts";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { wardName } from "../../../src/wall/wall-view.ts";
import { buildSiteFrom, filesUnder } from "../support/build-site.ts";
import { pledgeRow } from "../support/databases.ts";

const kinds = ["resident", "charity"] as const;
const wards = ["almond-hill", "longmeadow", "martins-wood", "roebuck", "symonds-green", "woodfield"];
const fixtures = listingIds.flatMap((listing, l) =>
  kinds.map((kind, k) => {
    const label = `${listing} ${kind}`;
    return {
      label,
      listing,
      kind,
      name: `Consent Test ${label}`,
      ward: wards[l * kinds.length + k] ?? "",
      website: `https://example.org/consent-${listing}-${kind}`,
      id: "",
    };
  }),
);
const named = fixtures.filter((fixture) => fixture.listing !== "count-only");
const shows = (fixture: (typeof fixtures)[number], field: "ward" | "website") =>
  shownFields(fixture.listing as ListingId, fixture.kind).includes(field);

let scratch: string;
let out: string;
let everything: string;

const page = async (path: string) => parse(await readFile(join(out, path, "index.html"), "utf8"));

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "wall-consent-"));
  out = join(scratch, "dist");
  const dataDir = join(scratch, "pglite");
  const store = await openPgliteStore(dataDir);
  for (const fixture of fixtures) {
    const outcome = await store.submit(
      pledgeRow({
        name: fixture.name,
        kind: fixture.kind,
        listing: fixture.listing,
        ward: fixture.ward,
        website: fixture.website,
        commitment: `Own words of ${fixture.label}`,
      }),
    );
    if (outcome.outcome !== "created") throw new Error(`fixture ${fixture.label} not stored`);
    const record = await store.show(outcome.reference);
    if (!record) throw new Error("fixture vanished");
    fixture.id = record.id;
    await store.setStatus({ id: record.id, status: "approved", actor: "Test Officer" });
  }
  await store.db.close();
  await buildSiteFrom(dataDir, out);
  everything = (await Promise.all((await filesUnder(out)).map((file) => readFile(file, "latin1")))).join("\n");
}, 300_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("what the built site shows of each listing choice", () => {
  it("shows nothing anywhere of a pledge counted only, from a resident or an organisation", () => {
    for (const fixture of fixtures.filter((each) => each.listing === "count-only")) {
      expect(everything, fixture.label).not.toContain(fixture.name);
      expect(everything, fixture.label).not.toContain(fixture.id);
      expect(everything, fixture.label).not.toContain(fixture.website);
      expect(everything, fixture.label).not.toContain(`Own words of ${fixture.label}`);
    }
  });

  it("never publishes a website it may not show, in any file", () => {
    for (const fixture of fixtures.filter((each) => !shows(each, "website"))) {
      expect(everything, fixture.label).not.toContain(fixture.website);
    }
    expect(named.filter((fixture) => shows(fixture, "website")).map((fixture) => fixture.kind)).toEqual([
      "charity",
      "charity",
    ]);
  });

  it.each(named)("on the wall page, shows $label's area only if it chose to", async (fixture) => {
    const item = (await page("signatories"))
      .querySelectorAll(".site-signatories__item")
      .find((each) => each.querySelector("h3")?.text.trim() === fixture.name);
    expect(item).toBeDefined();
    expect(item?.text.includes(wardName(fixture.ward) ?? "?")).toBe(shows(fixture, "ward"));
    expect(item?.innerHTML).not.toContain(fixture.website.replace("https://", ""));
  });

  it.each(named)("on its own page, shows $label's area and website only if it may", async (fixture) => {
    const own: HTMLElement = await page(`signatory/${fixture.id}`);
    expect(own.querySelector("h1")?.text).toBe(fixture.name);
    const details = own.querySelector(".govuk-summary-list")?.text ?? "";
    expect(details.includes(wardName(fixture.ward) ?? "?")).toBe(shows(fixture, "ward"));
    expect(own.innerHTML.includes(fixture.website)).toBe(shows(fixture, "website"));
  });

  it.each(named)("in the JSON, gives $label's area and website only if it may", async (fixture) => {
    const json = JSON.parse(await readFile(join(out, "data/signatories.json"), "utf8")) as {
      signatories: Record<string, string | null>[];
    };
    expect(json.signatories.map((row) => row.id)).not.toContain(
      fixtures.find((each) => each.listing === "count-only")?.id,
    );
    const row = json.signatories.find((each) => each.id === fixture.id);
    expect(row?.name).toBe(fixture.name);
    expect(row?.ward).toBe(shows(fixture, "ward") ? fixture.ward : null);
    expect(row?.ward_name).toBe(shows(fixture, "ward") ? wardName(fixture.ward) : null);
    expect(row?.website).toBe(shows(fixture, "website") ? fixture.website : null);
  });

  it.each(named)("in the CSV, gives $label's area and website only if it may", async (fixture) => {
    const lines = (await readFile(join(out, "data/signatories.csv"), "utf8")).split("\r\n");
    const line = lines.find((each) => each.startsWith(`${fixture.id},`)) ?? "";
    expect(line).toContain(fixture.name);
    expect(line.includes(`,${fixture.ward},`)).toBe(shows(fixture, "ward"));
    expect(line.includes(fixture.website)).toBe(shows(fixture, "website"));
  });

  it.each(named)("in the feed, lists $label with neither area nor website unless it may", async (fixture) => {
    const feed = await readFile(join(out, "signatories/feed.xml"), "utf8");
    const entry = feed.split("<entry>").find((each) => each.includes(`<title>${fixture.name}</title>`)) ?? "";
    expect(entry).not.toBe("");
    if (!shows(fixture, "ward")) expect(entry).not.toContain(wardName(fixture.ward));
    if (!shows(fixture, "website")) expect(entry).not.toContain(fixture.website);
  });

  it("has one share image, the charter's, named for no signatory", async () => {
    const images = (await filesUnder(out)).filter((file) => /\.(png|jpe?g|webp|svg)$/.test(file) && /og/.test(file));
    for (const image of images) {
      for (const fixture of fixtures) expect(image).not.toContain(fixture.id);
    }
  });

  it("says in the privacy notice, choice by choice, what content/listing-choices.json shows", async () => {
    const rows = (await page("privacy")).querySelectorAll("tr[data-listing]");
    expect(rows.map((row) => row.getAttribute("data-listing"))).toEqual([...listingIds]);
    for (const row of rows) {
      const listing = row.getAttribute("data-listing") as ListingId;
      expect(row.querySelector("th")?.text.trim()).toBe(form.fields.listing.options[listing].label);
      for (const pledger of ["organisation", "resident"] as const) {
        const fields = listingChoices.choices[listing][pledger];
        const cell = row.querySelector(`td[data-pledger="${pledger}"]`)?.text.trim() ?? "";
        if (fields.length === 0) expect(cell).toBe(listingChoices.table.nothing);
        else for (const field of fields) expect(cell).toContain(listingChoices.fields[field]);
        for (const field of Object.keys(listingChoices.fields) as (keyof typeof listingChoices.fields)[]) {
          if (!fields.includes(field)) expect(cell).not.toContain(listingChoices.fields[field]);
        }
      }
    }
  });
});
