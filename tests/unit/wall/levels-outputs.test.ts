/**
 * What the levels become outside the pages: the badge an organisation puts on its own website,
 * the feed's entries for each level reached, and the commitments as open data. Each output is
 * read with a parser, never with the code that wrote it.
 */
import sax from "sax";
import { describe, expect, it } from "vitest";
import { atomFeed, type FeedLevels } from "../../../src/wall/atom-feed.ts";
import { badgeSvg } from "../../../src/wall/badge.ts";
import type { PublicCommitment, Standing } from "../../../src/wall/levels.ts";
import {
  badgeAlt,
  badgeText,
  formerBadgeText,
  levelOf,
  levelSince,
  notUpdatedSince,
} from "../../../src/wall/levels-content.ts";
import {
  commitmentColumns,
  commitmentRows,
  commitmentsCsv,
  commitmentsJson,
  openDataCsv,
} from "../../../src/wall/open-data.ts";
import type { PublicSignatory } from "../../../src/wall/public-signatories.ts";
import { inCharterOrder, newestWithdrawalFirst } from "../../../src/wall/wall-standings.ts";
import { actionNames } from "../../../src/wall/wall-view.ts";
import { entryTitles, parseCsv } from "../../integration/support/strict-readers.ts";

const site = "https://charter.example";
const [buyingLocally] = actionNames(["buying-locally"]);
const charter = { name: "A Cooperative Inclusive Economy Charter for Stevenage", shortName: "Stevenage Charter" };

const signatory = (index: number, overrides: Partial<PublicSignatory> = {}): PublicSignatory => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  name: `Signatory ${index}`,
  kind: "business",
  ward: null,
  website: null,
  actions: ["buying-locally"],
  commitment: "Our own words",
  target_date: null,
  listed_at: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
  ...overrides,
});

const standing = (overrides: Partial<Standing> = {}): Standing => ({
  level: "signatory",
  since: "2026-01-10T09:00:00.000Z",
  lapsed: false,
  lastUpdated: "2026-01-10T09:00:00.000Z",
  reached: [],
  ...overrides,
});

const partner = standing({
  level: "partner",
  since: "2027-03-03T12:00:00.000Z",
  lastUpdated: "2027-03-03T12:00:00.000Z",
  reached: [{ level: "partner", at: "2027-03-03T12:00:00.000Z" }],
});

/** The elements of an SVG as a strict XML parser reads them, with their attributes and text. */
function readXml(xml: string) {
  const parser = sax.parser(true);
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const open: number[] = [];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    open.push(elements.push({ name: tag.name, attributes: tag.attributes as Record<string, string>, text: "" }) - 1);
  };
  parser.onclosetag = () => void open.pop();
  parser.ontext = (text) => {
    const current = elements[open.at(-1) ?? -1];
    if (current) current.text += text;
  };
  parser.write(xml).close();
  return elements;
}

describe("the badge", () => {
  const svg = (who: PublicSignatory, held: Standing) => badgeSvg(badgeText(who, held, charter));

  it("says the level, since when and the charter's name, with an accessible title the image is labelled by", () => {
    const elements = readXml(svg(signatory(1), partner));
    const root = elements[0];
    expect(root?.name).toBe("svg");
    expect(root?.attributes.role).toBe("img");
    const title = elements.find((element) => element.name === "title");
    expect(root?.attributes["aria-labelledby"]).toBe(title?.attributes.id);
    expect(title?.text).toBe(`Signatory 1: Partner of ${charter.name} since 3 March 2027`);
    expect(elements.filter((element) => element.name === "text").map((element) => element.text)).toEqual([
      "Stevenage Charter",
      "Partner",
      "since 3 March 2027",
    ]);
  });

  it("is grey when lapsed, and says when it was last updated instead", () => {
    const lapsed = standing({ lapsed: true, lastUpdated: "2026-02-01T10:00:00.000Z" });
    const current = svg(signatory(1), standing());
    const grey = svg(signatory(1), lapsed);
    expect(grey).toContain("#505a5f");
    expect(current).not.toContain("#505a5f");
    const elements = readXml(grey);
    expect(elements.find((element) => element.name === "title")?.text).toBe(
      `Signatory 1: Signatory of ${charter.name}, not updated since 1 February 2026`,
    );
    expect(elements.at(-1)?.text).toBe("not updated since 1 February 2026");
  });

  it("is grey for a former signatory, says when it withdrew, and names no one", () => {
    const former = badgeSvg(
      formerBadgeText(
        {
          id: "20000000-0000-4000-8000-000000000001",
          listed_at: "2026-01-01T00:00:00.000Z",
          withdrawn_at: "2026-05-04T10:00:00.000Z",
        },
        charter,
      ),
    );
    expect(former).toContain("#505a5f");
    const elements = readXml(former);
    expect(elements[0]?.attributes.role).toBe("img");
    expect(elements.find((element) => element.name === "title")?.text).toBe(
      `A former signatory of ${charter.name}, withdrew on 4 May 2026`,
    );
    expect(elements.filter((element) => element.name === "text").map((element) => element.text)).toEqual([
      "Stevenage Charter",
      "Former signatory",
      "withdrew on 4 May 2026",
    ]);
    expect(former).not.toContain("20000000-0000-4000-8000-000000000001");
  });

  it("keeps a hostile name as text", () => {
    const hostile = signatory(1, { name: `</title><script>alert(1)</script><title>&"'` });
    const elements = readXml(svg(hostile, partner));
    expect(elements.map((element) => element.name)).not.toContain("script");
    expect(elements.find((element) => element.name === "title")?.text).toContain(hostile.name);
  });

  it("stays small: under 2 KB with a long name", () => {
    expect(Buffer.byteLength(svg(signatory(1, { name: "x".repeat(200) }), partner))).toBeLessThan(2048);
  });

  it("has alt text for another website that names no level, which may change after it is copied", () => {
    expect(badgeAlt(signatory(1), charter)).toBe(`Signatory 1's current recognition level in ${charter.name}`);
  });
});

describe("a standing in words", () => {
  it("says the level and the date it was reached, and the date a lapsed signatory was last updated", () => {
    expect(levelSince(partner)).toBe("Partner since 3 March 2027");
    expect(notUpdatedSince(standing({ lapsed: true, lastUpdated: "2026-02-01T10:00:00.000Z" }))).toBe(
      "Not updated since 1 February 2026",
    );
  });

  it("refuses a level content/levels.yaml does not name", () => {
    expect(() => levelOf("hero")).toThrow(/no level "hero"/);
  });
});

describe("the Atom feed's levels", () => {
  const settings = { site, title: "New signatories and levels", author: "The council" };
  const levels = (standings: Map<string, Standing>): FeedLevels => ({
    standings,
    title: (who, level) => `${who.name} is now a ${levelOf(level).name}`,
    summary: (level) => levelOf(level).description,
  });

  it("has an entry for each level reached, dated when it was reached, among the listings newest first", () => {
    const [first, second] = [signatory(1), signatory(2)];
    const champion = standing({
      level: "champion",
      reached: [
        { level: "partner", at: "2026-05-01T00:00:00.000Z" },
        { level: "champion", at: "2026-09-01T00:00:00.000Z" },
      ],
    });
    const feed = atomFeed([first, second], settings, levels(new Map([[first.id, champion]])));
    expect(entryTitles(feed)).toEqual([
      "Signatory 1 is now a Champion",
      "Signatory 1 is now a Partner",
      "Signatory 2",
      "Signatory 1",
    ]);
    expect(feed).toContain(`<id>${site}/signatory/${first.id}/#level-champion</id>`);
    expect(feed).toContain("<updated>2026-09-01T00:00:00.000Z</updated>");
  });

  it("keeps to 50 entries, levels included", () => {
    const many = Array.from({ length: 40 }, (_, index) => signatory(index));
    const standings = new Map(many.map((who) => [who.id, partner]));
    expect(entryTitles(atomFeed(many, settings, levels(standings)))).toHaveLength(50);
  });
});

describe("the commitments as open data", () => {
  const who = signatory(1);
  const commitment = (overrides: Partial<PublicCommitment>): PublicCommitment => ({
    id: "c",
    signatory_id: who.id,
    action_id: "buying-locally",
    status: "started",
    status_since: "2026-06-01T00:00:00.000Z",
    evidence_url: null,
    note: null,
    evidence_accepted_at: null,
    ...overrides,
  });
  const commitments = new Map([
    [
      who.id,
      [
        commitment({
          status: "done",
          evidence_url: "https://example.org/report",
          evidence_accepted_at: "2026-07-01T00:00:00.000Z",
        }),
        commitment({ action_id: null, status: "planned" }),
      ],
    ],
  ]);

  it("gives one row per commitment: the action's code and name, or own words, its status and accepted evidence", () => {
    expect(commitmentRows([who], commitments)).toEqual([
      {
        signatory_id: who.id,
        action_id: "buying-locally",
        action_name: buyingLocally,
        status: "done",
        status_since: "2026-06-01T00:00:00.000Z",
        evidence_url: "https://example.org/report",
      },
      {
        signatory_id: who.id,
        action_id: null,
        action_name: "In their own words",
        status: "planned",
        status_since: "2026-06-01T00:00:00.000Z",
        evidence_url: null,
      },
    ]);
  });

  it("leaves out an evidence link no officer accepted", () => {
    const unaccepted = new Map([[who.id, [commitment({ evidence_url: "https://example.org/not-yet" })]]]);
    expect(commitmentRows([who], unaccepted)[0]?.evidence_url).toBeNull();
  });

  it("writes a CSV Excel reads, with the documented header and empty cells for none", () => {
    const csv = commitmentsCsv([who], commitments);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, done, ownWords] = parseCsv(csv.slice(1));
    expect(header).toEqual(Object.keys(commitmentColumns));
    expect(done).toEqual([
      who.id,
      "buying-locally",
      buyingLocally,
      "done",
      "2026-06-01T00:00:00.000Z",
      "https://example.org/report",
    ]);
    expect(ownWords?.[1]).toBe("");
  });

  it("describes every column each JSON row has, and no other", () => {
    const parsed = JSON.parse(commitmentsJson([who], commitments, site)) as {
      columns: Record<string, string>;
      commitments: Record<string, unknown>[];
      source: string;
    };
    expect(Object.keys(parsed.columns)).toEqual(Object.keys(parsed.commitments[0] ?? {}));
    expect(parsed.source).toBe(`${site}/signatories/`);
  });

  it("writes a signatory's lapse as true or false in the signatories CSV", () => {
    const csv = openDataCsv([who], new Map([[who.id, standing({ lapsed: true })]]));
    const [header, row] = parseCsv(csv.slice(1));
    expect(row?.[header?.indexOf("lapsed") ?? -1]).toBe("true");
    expect(row?.[header?.indexOf("level") ?? -1]).toBe("signatory");
  });
});

describe("the order things are shown in", () => {
  const row = (id: string, action_id: string | null): PublicCommitment => ({
    id,
    signatory_id: "s",
    action_id,
    status: "planned",
    status_since: "2026-06-01T00:00:00.000Z",
    evidence_url: null,
    note: null,
    evidence_accepted_at: null,
  });

  it("lists a signatory's commitments in the charter's order, the own words last", () => {
    const ordered = inCharterOrder([row("a", null), row("b", "buying-locally"), row("c", "work-placements")]);
    expect(ordered.map((commitment) => commitment.action_id)).toEqual(["work-placements", "buying-locally", null]);
  });

  it("lists former signatories by the latest withdrawal first", () => {
    const former = newestWithdrawalFirst([
      {
        id: "20000000-0000-4000-8000-000000000001",
        listed_at: "2026-01-01T00:00:00.000Z",
        withdrawn_at: "2026-03-01T00:00:00.000Z",
      },
      {
        id: "20000000-0000-4000-8000-000000000002",
        listed_at: "2026-02-01T00:00:00.000Z",
        withdrawn_at: "2026-09-01T00:00:00.000Z",
      },
    ]);
    expect(former.map((row) => row.withdrawn_at)).toEqual(["2026-09-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
  });
});
