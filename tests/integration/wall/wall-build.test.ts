/**
 * The signatory wall, built for real from a seeded embedded database: only approved pledges
 * whose authors chose to be named appear; nothing private reaches the build; hostile text is
 * shown as text; pages, filters, open data and the feed hang together; recognition levels, the
 * badges, the commitments and the former signatories agree with the data; full wall pages keep to
 * the page-weight budget. (How the build grows to 10,000 signatories is measured by
 * `npm run bench`, not here: a page holds at most 50 signatories, so this build already has the
 * heaviest kind of page.)
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgets, pageWeight } from "../../../scripts/lib/page-weight.ts";
import { openAnyPublicWallReader } from "../../../src/storage/choose-any-public-wall-reader.ts";
import { openAnyStore } from "../../../src/storage/choose-any-store.ts";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";
import type { NewPledge, PledgeStatus } from "../../../src/storage/pledge-store.ts";
import { readPublicWallVersion } from "../../../src/wall/public-signatories.ts";
import { type WallVersion, wallVersionSchema } from "../../../src/wall/wall-version.ts";
import { buildSiteFrom, filesUnder } from "../support/build-site.ts";
import { pledgeRow } from "../support/databases.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../../..");
/** Each fixture's pledge id, by its label. */
const ids = new Map<string, string>();

/** An accepted check-in that made some of a pledge's commitments done, with evidence. */
async function accept(store: PgliteStore, pledgeId: string | undefined, actions: string[]) {
  if (!pledgeId) throw new Error("no such fixture");
  await store.db.query(
    `insert into public.check_ins (pledge_id, source, submitted_at, review, evidence_published, reviewed_at, reviewed_by, statement)
     values ($1, 'officer', now(), 'accepted', true, now(), 'officer@example.com', 'By phone')`,
    [pledgeId],
  );
  const updated = await store.db.query(
    `update public.commitments set status = 'done', status_since = now(),
       evidence_url = 'https://example.org/evidence/' || action_id, note = 'Done: ' || action_id,
       evidence_accepted_at = now()
     where pledge_id = $1 and action_id = any($2::text[])`,
    [pledgeId, actions],
  );
  if (updated.affectedRows !== actions.length) throw new Error(`the pledge has no commitment for each of ${actions}`);
}

let scratch: string;
let out: string;
let approvedCount: number;
let builtFromVersion: WallVersion;
const fixtures: { label: string; row: NewPledge; status: PledgeStatus }[] = [
  {
    label: "named",
    row: pledgeRow({ name: "Wall Test Named Bakery", listing: "organisation-name", kind: "business" }),
    status: "approved",
  },
  {
    label: "resident",
    row: pledgeRow({ name: "Wall Test Resident", listing: "name-and-area", kind: "resident", ward: "bedwell" }),
    status: "approved",
  },
  {
    label: "formula",
    row: pledgeRow({ name: '=HYPERLINK("http://evil.example","x")', listing: "organisation-name" }),
    status: "approved",
  },
  {
    label: "hostile",
    row: pledgeRow({
      name: "<img src=x onerror=alert(1)> Wall Test Co",
      listing: "organisation-name",
      commitment: "<script>alert('own words')</script>",
    }),
    status: "approved",
  },
  {
    label: "counted only",
    row: pledgeRow({ name: "Wall Test Counted Only", listing: "count-only" }),
    status: "approved",
  },
  {
    label: "partner",
    row: pledgeRow({
      name: "Wall Test Partner",
      listing: "organisation-name",
      actions: ["buying-locally", "cooperatives"],
    }),
    status: "approved",
  },
  {
    label: "champion",
    row: pledgeRow({
      name: "Wall Test Champion",
      listing: "organisation-name",
      actions: ["work-placements", "buying-locally", "cooperatives"],
    }),
    status: "approved",
  },
  { label: "lapsed", row: pledgeRow({ name: "Wall Test Lapsed", listing: "organisation-name" }), status: "approved" },
  { label: "pending", row: pledgeRow({ name: "Wall Test Pending" }), status: "pending" },
  { label: "rejected", row: pledgeRow({ name: "Wall Test Rejected" }), status: "rejected" },
  { label: "withdrawn", row: pledgeRow({ name: "Wall Test Withdrawn" }), status: "withdrawn" },
];

/** The names listed on a wall page: the filter script's empty item template is not one. */
const listed = "#signatory-list .site-signatories__item h3";

const page = async (path: string) => parse(await readFile(join(out, path, "index.html"), "utf8"));

/** Every name listed under a wall address, following its pages. */
async function allNames(path: string): Promise<string[]> {
  const names: string[] = [];
  for (let next: string | undefined = path; next; ) {
    const document = await page(next);
    names.push(...document.querySelectorAll(listed).map((heading) => heading.text.trim()));
    next = document
      .querySelector('a[rel="next"]')
      ?.getAttribute("href")
      ?.replace(/^\/|\/$/g, "");
  }
  return names;
}

const openData = async () =>
  JSON.parse(await readFile(join(out, "data/signatories.json"), "utf8")) as {
    signatories: {
      id: string;
      name: string;
      kind: string;
      ward: string | null;
      ward_name: string | null;
      actions: string[];
      level: string;
      level_since: string;
      lapsed: boolean;
    }[];
  };

const signatoryNamed = async (name: string) => {
  const found = (await openData()).signatories.find((s) => s.name === name);
  if (!found) throw new Error(`${name} is not in the open data`);
  return found;
};

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "wall-build-"));
  out = join(scratch, "dist");
  const dataDir = join(scratch, "pglite");
  const env = { ...process.env, PGLITE_DATA_DIR: dataDir, SUPABASE_URL: "", DATABASE_URL: "" };
  const store = await openPgliteStore(dataDir);
  for (const fixture of fixtures) {
    const outcome = await store.submit(fixture.row);
    if (outcome.outcome !== "created") throw new Error(`fixture ${fixture.label} not stored`);
    const record = await store.show(outcome.reference);
    if (!record) throw new Error("fixture vanished");
    const steps: PledgeStatus[] =
      fixture.status === "withdrawn" ? ["approved", "withdrawn"] : fixture.status === "pending" ? [] : [fixture.status];
    for (const status of steps) await store.setStatus({ id: record.id, status, actor: "test", reason: "test" });
    ids.set(fixture.label, record.id);
  }
  await store.db.query("update public.pledges set decided_at = now() - interval '20 months' where id = $1", [
    ids.get("lapsed"),
  ]);
  await store.db.close();
  await run(process.execPath, ["scripts/seed.ts", "--count", "120"], { cwd: root, env });
  const counting = await openPgliteStore(dataDir);
  // What officers accepted, written to the tables directly (the check-in's own path is tested
  // with the database, tests/integration/storage/); after the seed, so the feed's 50 newest
  // entries include the levels reached.
  await accept(counting, ids.get("partner"), ["buying-locally"]);
  await accept(counting, ids.get("champion"), ["work-placements", "buying-locally", "cooperatives"]);
  const counted = await counting.db.query<{ n: number }>(
    "select count(*)::int as n from public.pledges where status = 'approved'",
  );
  approvedCount = counted.rows[0]?.n ?? -1;
  await counting.db.close();
  await buildSiteFrom(dataDir, out);
  // Read after the build, through the read path the build and the rebuild check both use.
  const reading = (await openAnyStore({ kind: "pglite", dataDir })) as unknown as PgliteStore;
  builtFromVersion = await readPublicWallVersion(openAnyPublicWallReader({ kind: "pglite", dataDir }));
  await reading.db.close();
}, 300_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("the built signatory wall", () => {
  it("shows approved, named pledges and no others", async () => {
    const everything = (await Promise.all((await filesUnder(out)).map((file) => readFile(file, "utf8")))).join("\n");
    expect(everything).toContain("Wall Test Named Bakery");
    expect(everything).toContain("Wall Test Resident");
    for (const hidden of ["Wall Test Counted Only", "Wall Test Pending", "Wall Test Rejected", "Wall Test Withdrawn"]) {
      expect(everything, hidden).not.toContain(hidden);
    }
  });

  it("holds no contact name or e-mail address of any pledge, seeded or not", async () => {
    const everything = (await Promise.all((await filesUnder(out)).map((file) => readFile(file, "utf8")))).join("\n");
    for (const { row } of fixtures) {
      expect(everything).not.toContain(row.contact_email);
      expect(everything).not.toContain(row.contact_name);
    }
    expect(everything).not.toMatch(/example\.person\.\d+@example\.com/);
    expect(everything).not.toMatch(/Example Person \d+/);
  });

  it("shows hostile text as text, never as markup", async () => {
    const list = (await filesUnder(out)).filter((file) => file.endsWith(".html") && /signator/.test(file));
    for (const file of list) {
      const document = parse(await readFile(file, "utf8"));
      // The wall's own filter script, a file of the build, is the only script a wall page may hold.
      const scripts = document.querySelectorAll("script");
      expect(
        scripts.filter((script) => !/^\/_astro\/[\w.-]+\.js$/.test(script.getAttribute("src") ?? "")),
        file,
      ).toEqual([]);
      expect(
        scripts.filter((script) => script.text.trim() !== ""),
        file,
      ).toEqual([]);
      // A signatory's page shows its own badge, a file of the build; no other image.
      const own = /[/\\]signatory[/\\]([\w-]+)[/\\]index\.html$/.exec(file)?.[1];
      expect(
        document
          .querySelectorAll("img")
          .filter((img) => !own || img.getAttribute("src") !== `/signatory/${own}/badge.svg`),
        file,
      ).toHaveLength(0);
      expect(document.querySelectorAll("[onerror]"), file).toHaveLength(0);
    }
    const hostile = (await openData()).signatories.find((s) => s.name.endsWith("Wall Test Co"));
    const own = await page(`signatory/${hostile?.id}`);
    expect(own.querySelector("h1")?.text).toBe("<img src=x onerror=alert(1)> Wall Test Co");
    expect(own.text).toContain("<script>alert('own words')</script>");
    expect(await allNames("signatories")).toContain("<img src=x onerror=alert(1)> Wall Test Co");
  });

  it("pages the wall 50 at a time, with links that lead somewhere", async () => {
    const json = await openData();
    const pages = Math.ceil(json.signatories.length / 50);
    expect(pages).toBeGreaterThan(1);
    let path = "signatories";
    for (let n = 1; n <= pages; n++) {
      const document = await page(path);
      expect(document.querySelectorAll("#signatory-list .site-signatories__item").length).toBe(
        n < pages ? 50 : json.signatories.length - 50 * (pages - 1),
      );
      const next = document.querySelector('a[rel="next"]')?.getAttribute("href");
      if (n < pages) {
        expect(next).toMatch(new RegExp(`^/signatories/${n + 1}/?$`));
        path = (next ?? "").replace(/^\/|\/$/g, "");
      } else {
        expect(next).toBeUndefined();
      }
    }
  });

  it("filters by kind, area, action and benefit, each page listing only what matches", async () => {
    const { signatories } = await openData();
    const byName = (name: string) => signatories.find((s) => s.name === name);
    const business = await allNames("signatories/kind/business");
    expect(business).toContain("Wall Test Named Bakery");
    for (const name of business) expect(byName(name)?.kind).toBe("business");
    const bedwell = await allNames("signatories/area/bedwell");
    expect(bedwell).toContain("Wall Test Resident");
    for (const name of bedwell) expect(byName(name)?.ward).toBe("bedwell");
    for (const name of await allNames("signatories/action/buying-locally")) {
      expect(byName(name)?.actions).toContain("buying-locally");
    }
    expect(await allNames("signatories/benefit/resilient-economy")).toContain("Wall Test Named Bakery");
    expect((await allNames("signatories")).length).toBe(signatories.length);
  });

  it("keeps every wall page's HTML and CSS under 50 KB compressed, full pages of 50 included", async () => {
    const wallPages = (await filesUnder(out)).filter(
      (file) => file.endsWith("index.html") && /[/\\](signatories|signatory|progress)[/\\]/.test(file),
    );
    const weights = wallPages.map((file) => pageWeight(out, file.slice(out.length), file));
    expect(weights.length).toBeGreaterThan((await openData()).signatories.length);
    const heavy = weights.filter((page) => page.html.gzip + page.css.gzip >= budgets.pageBytes);
    expect(heavy.map((page) => `${page.url}: ${page.html.gzip + page.css.gzip} bytes`)).toEqual([]);
  });

  it("sorts A to Z as well as newest first", async () => {
    const headings = (await page("signatories/a-z")).querySelectorAll(listed).map((h) => h.text.trim());
    const sorted = [...headings].sort((a, b) => a.localeCompare(b, "en-GB", { sensitivity: "base" }));
    expect(headings).toEqual(sorted);
  });

  it("gives each signatory a page, and residents only what they chose", async () => {
    const json = await openData();
    const resident = json.signatories.find((s) => s.name === "Wall Test Resident");
    expect(resident?.ward_name).toBe("Bedwell");
    const document = await page(`signatory/${resident?.id}`);
    expect(document.querySelector("h1")?.text).toBe("Wall Test Resident");
    expect(document.text).toContain("Bedwell");
    // A page for each signatory listed; a former signatory's folder holds its grey badge alone.
    const folders = await readdir(join(out, "signatory"));
    const withPage = await Promise.all(
      folders.map(async (id) => (await readdir(join(out, "signatory", id))).includes("index.html")),
    );
    expect(folders.filter((_id, index) => withPage[index]).sort()).toEqual(json.signatories.map((s) => s.id).sort());
    const formerRows = (await page("signatories/former")).querySelectorAll("tbody tr").length;
    expect(folders.length).toBe(json.signatories.length + formerRows);
  });

  it("publishes open data with public columns only, formulas neutralised, and an Atom feed", async () => {
    const csv = await readFile(join(out, "data/signatories.csv"), "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]).toBe(
      "id,name,kind,kind_name,ward,ward_name,website,actions,action_names,commitment,target_date,listed_at,level,level_since,lapsed",
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    const feed = await readFile(join(out, "signatories/feed.xml"), "utf8");
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect((feed.match(/<entry>/g) ?? []).length).toBe(50);
    expect(feed).not.toContain("<img src=x");
  });

  it("counts every approved pledge on the progress page, named or not, and hides counts under 5", async () => {
    const progress = await page("progress");
    const total = progress.querySelectorAll(".govuk-summary-list__row")[0]?.querySelector("dd")?.text.trim();
    expect(total).toBe(approvedCount.toLocaleString("en-GB"));
    const rows = progress.querySelectorAll(".site-chart tbody tr");
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const figure = row.querySelector("td")?.text.trim() ?? "";
      const bar = Number(row.querySelector("rect")?.getAttribute("width"));
      if (figure === "fewer than 5") expect(bar).toBe(0);
      else expect(Number(figure.replace(/,/g, ""))).toBeGreaterThanOrEqual(5);
    }
    expect(rows.some((row) => row.querySelector("td")?.text.trim() === "fewer than 5")).toBe(true);
  });

  it("works out each recognition level from what officers accepted, and a lapse after 18 months without a check-in", async () => {
    expect(await signatoryNamed("Wall Test Partner")).toMatchObject({ level: "partner", lapsed: false });
    expect(await signatoryNamed("Wall Test Champion")).toMatchObject({ level: "champion", lapsed: false });
    expect(await signatoryNamed("Wall Test Lapsed")).toMatchObject({ level: "signatory", lapsed: true });
    expect(await signatoryNamed("Wall Test Named Bakery")).toMatchObject({ level: "signatory", lapsed: false });
  });

  it("shows the level on each signatory's page, with its description, and says when a lapsed one was last updated", async () => {
    const partner = await page(`signatory/${(await signatoryNamed("Wall Test Partner")).id}`);
    expect(partner.querySelector("[data-level]")?.getAttribute("data-level")).toBe("partner");
    expect(partner.querySelector("[data-level]")?.text).toMatch(/Partner since \d{1,2} \w+ \d{4}/);
    expect(partner.querySelector("[data-lapsed]")).toBeNull();
    const lapsed = await page(`signatory/${(await signatoryNamed("Wall Test Lapsed")).id}`);
    expect(lapsed.querySelector("[data-level]")?.getAttribute("data-level")).toBe("signatory");
    expect(lapsed.querySelector("[data-lapsed]")?.text).toMatch(/Not updated since \d{1,2} \w+ \d{4}/);
  });

  it("lists each commitment on the signatory's page with its status and the evidence officers accepted", async () => {
    const champion = await page(`signatory/${(await signatoryNamed("Wall Test Champion")).id}`);
    const items = champion.querySelectorAll(".site-commitments > li");
    // Each action, then the own words.
    expect(items).toHaveLength(4);
    const links = champion.querySelectorAll(".site-commitments a").map((link) => link.getAttribute("href"));
    expect(links).toEqual(
      ["work-placements", "buying-locally", "cooperatives"].map((id) => `https://example.org/evidence/${id}`),
    );
    expect(champion.querySelector(".site-commitments")?.text).toContain("Done: buying-locally");
    expect(items.at(-1)?.text).toMatch(/Planned since/);
  });

  it("builds a badge for each signatory that says its level, grey when lapsed, with a snippet that links back", async () => {
    const champion = await signatoryNamed("Wall Test Champion");
    const badge = await readFile(join(out, `signatory/${champion.id}/badge.svg`), "utf8");
    const svg = parse(badge);
    expect(svg.querySelector("svg")?.getAttribute("role")).toBe("img");
    expect(svg.querySelector("title")?.text).toMatch(/^Wall Test Champion: Champion of .+ since \d{1,2} \w+ \d{4}$/);
    expect(Buffer.byteLength(badge)).toBeLessThan(2048);
    const lapsed = await readFile(
      join(out, `signatory/${(await signatoryNamed("Wall Test Lapsed")).id}/badge.svg`),
      "utf8",
    );
    expect(lapsed).toContain("#505a5f");
    expect(badge).not.toContain("#505a5f");
    // Read as a browser would: the parser's default keeps a <pre>'s content as raw text.
    const html = await readFile(join(out, `signatory/${champion.id}/index.html`), "utf8");
    const snippet =
      parse(html, { blockTextElements: { script: true, noscript: true, style: true } }).querySelector("pre code")
        ?.text ?? "";
    const pasted = parse(snippet);
    const link = pasted.querySelector("a");
    expect(new URL(link?.getAttribute("href") ?? "").pathname).toBe(`/signatory/${champion.id}/`);
    expect(new URL(link?.querySelector("img")?.getAttribute("src") ?? "").pathname).toBe(
      `/signatory/${champion.id}/badge.svg`,
    );
    expect(link?.querySelector("img")?.getAttribute("alt")).toContain("Wall Test Champion");
    const files = await readdir(join(out, "signatory", champion.id));
    expect(files.sort()).toEqual(["badge.svg", "index.html"]);
  });

  it("shows the level on the wall and filters by it, each level's page listing only that level", async () => {
    const { signatories } = await openData();
    const partners = await allNames("signatories/level/partner");
    expect(partners).toContain("Wall Test Partner");
    for (const name of partners) expect(signatories.find((s) => s.name === name)?.level).toBe("partner");
    expect(await allNames("signatories/level/champion")).toContain("Wall Test Champion");
    expect(await allNames("signatories/level/signatory")).toContain("Wall Test Lapsed");
    const item = (await page("signatories/level/champion"))
      .querySelectorAll(`${listed}`)
      .find((heading) => heading.text.trim() === "Wall Test Champion")?.parentNode;
    expect(item?.text).toContain("Recognition level: Champion");
  });

  it("publishes every commitment in /data/commitments.csv and .json, with only accepted evidence", async () => {
    const json = JSON.parse(await readFile(join(out, "data/commitments.json"), "utf8")) as {
      columns: Record<string, string>;
      commitments: { signatory_id: string; action_id: string | null; status: string; evidence_url: string | null }[];
    };
    const partner = await signatoryNamed("Wall Test Partner");
    expect(json.commitments.filter((row) => row.signatory_id === partner.id)).toEqual([
      expect.objectContaining({
        action_id: "buying-locally",
        status: "done",
        evidence_url: "https://example.org/evidence/buying-locally",
      }),
      expect.objectContaining({ action_id: "cooperatives", status: "planned", evidence_url: null }),
      expect.objectContaining({ action_id: null, status: "planned", evidence_url: null }),
    ]);
    const listedIds = new Set((await openData()).signatories.map((s) => s.id));
    for (const row of json.commitments) expect(listedIds.has(row.signatory_id)).toBe(true);
    const csv = await readFile(join(out, "data/commitments.csv"), "utf8");
    expect(csv.slice(1).split("\r\n")[0]).toBe(Object.keys(json.columns).join(","));
    expect(csv.slice(1).split("\r\n").length - 2).toBe(json.commitments.length);
  });

  it("gives the feed an entry for each level reached", async () => {
    const feed = await readFile(join(out, "signatories/feed.xml"), "utf8");
    expect(feed).toContain("<title>Wall Test Champion is now a Champion</title>");
    expect(feed).toContain("<title>Wall Test Partner is now a Partner</title>");
    expect((feed.match(/<entry>/g) ?? []).length).toBe(50);
  });

  it("lists former signatories by their dates alone: no name, no id, no link to them or their badges", async () => {
    const former = await page("signatories/former");
    const rows = former.querySelectorAll("tbody tr");
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      expect(row.querySelectorAll("td").map((cell) => cell.text.trim())).toEqual([
        expect.stringMatching(/^\d{1,2} \w+ \d{4}$/),
        expect.stringMatching(/^\d{1,2} \w+ \d{4}$/),
      ]);
    }
    expect(former.querySelector("main")?.toString()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect((await page("signatories")).querySelector('a[href="/signatories/former/"]')).not.toBeNull();
  });

  it("keeps a withdrawn signatory's badge at its address, grey, saying it is a former signatory and when it withdrew, naming no one", async () => {
    const id = ids.get("withdrawn") ?? "";
    const badge = await readFile(join(out, `signatory/${id}/badge.svg`), "utf8");
    const svg = parse(badge);
    expect(svg.querySelector("svg")?.getAttribute("role")).toBe("img");
    expect(svg.querySelector("svg")?.getAttribute("aria-labelledby")).toBe(svg.querySelector("title")?.id);
    const title = svg.querySelector("title")?.text ?? "";
    expect(title).toMatch(/^A former signatory of .+, withdrew on \d{1,2} \w+ \d{4}$/);
    expect(svg.querySelectorAll("text").map((text) => text.text)).toEqual([
      expect.any(String),
      "Former signatory",
      expect.stringMatching(/^withdrew on \d{1,2} \w+ \d{4}$/),
    ]);
    expect(badge).toContain("#505a5f");
    expect(badge).not.toContain("Wall Test Withdrawn");
    // The day it withdrew is one the former signatories' page lists.
    const withdrawnOn = (await page("signatories/former")).querySelectorAll("tbody tr td:nth-child(2)");
    expect(withdrawnOn.map((cell) => cell.text.trim())).toContain(title.replace(/^.*, withdrew on /, ""));
    // No page of its own, and nothing built names its id: no link, no sitemap entry, no open data.
    expect(await readdir(join(out, "signatory", id))).toEqual(["badge.svg"]);
    const files = await filesUnder(out);
    expect(files.some((file) => /sitemap/.test(file))).toBe(true);
    for (const file of files) expect(await readFile(file, "utf8"), file).not.toContain(id);
  });

  it("publishes the version of the data it was built from, as the database reports it", async () => {
    const published = wallVersionSchema.parse(JSON.parse(await readFile(join(out, "data/wall-version.json"), "utf8")));
    expect(published).toEqual(builtFromVersion);
    expect(published.approved).toBe(approvedCount);
  });
});
