/**
 * From evidence to recognition, in a real browser on a site built from a database with a past:
 * Sam's pledge is approved, Sam checks in with evidence that one commitment is done, and an
 * officer accepts it, all through the database's real functions; after a build Sam is a Partner
 * on the wall and on the Partner filter page, Sam's page gives the level with its date, the
 * evidence and the badge with the code to copy, the badge itself says Partner, and the impact
 * page counts one more commitment done. A lapsed signatory says when it was last updated, and a
 * withdrawn one is named nowhere. The site the other browser tests use is built from an empty
 * database, so only here does axe see these pages with levels, commitments and charts in them.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { startBuiltSiteServer } from "../../scripts/lib/built-site-server.ts";
import { openPgliteStore, type PgliteStore } from "../../src/storage/pglite-store.ts";
import { pledgeRow } from "../fixtures/pledge-records.ts";
import { buildSiteFrom } from "../integration/support/build-site.ts";
import { test as base, expect } from "./fixtures.ts";

const root = join(import.meta.dirname, "../..");
const samsName = "Sam's Bike Workshop";
const formerName = "Former Levels Test Florist";
const placements = "Offering work placements to people who need extra support";
const buyingLocally = "Purchasing goods or services from others in the local area";
const evidence = "https://sams-bikes.example/news/our-first-placement";
const note = "Our first placement started in May and stayed on as an apprentice.";

/** A date as the site writes it: the UK's calendar day. */
const ukDate = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(new Date(iso));

interface OpenDataSignatory {
  id: string;
  name: string;
  level: string;
  lapsed: boolean;
}

interface SeededSite {
  origin: string;
  sam: { id: string; acceptedAt: string };
  /** Commitments done on the impact page before Sam's check-in; undefined when fewer than 5. */
  doneBefore: number | undefined;
  signatories: OpenDataSignatory[];
}

/** An officer on the list, signed in with a code as the console does it: the session's token. */
async function signedInOfficer(store: PgliteStore) {
  const email = "olu.officer@stevenage.gov.uk";
  if ((await store.officers.addOfficer(email, "Olu Officer", "Test Setup")) !== "added") throw new Error("no officer");
  const issued = await store.officers.requestSignInCode(email);
  const session = issued && (await store.officers.signIn(email, issued.code));
  if (!session) throw new Error("the officer could not sign in");
  return session.session_token;
}

/** A pledge sent, confirmed from the e-mail and approved by the officer: its id and reference. */
async function approvedPledge(store: PgliteStore, token: string, row: ReturnType<typeof pledgeRow>) {
  const outcome = await store.submit(row);
  if (outcome.outcome !== "created") throw new Error(`${row.name}: not created (${outcome.outcome})`);
  await store.confirmByLink(outcome.reference);
  const id = (await store.show(outcome.reference))?.id ?? "";
  if ((await store.officers.decide(token, { id, status: "approved" })) !== "changed")
    throw new Error(`${row.name}: not approved`);
  return { id, reference: outcome.reference };
}

/** What the impact page will count as done, read as the public reads it. */
async function doneOnImpactPage(store: PgliteStore) {
  const [row] = await store.asRole<{ commitments: number }>(
    "anon",
    `select commitments from public.public_impact()
     where subject_kind = 'all' and ward is null and quarter is null and status = 'done'`,
  );
  return row?.commitments;
}

async function seedAndBuild(scratch: string): Promise<Omit<SeededSite, "origin"> & { out: string }> {
  const dataDir = join(scratch, "pglite");
  const out = join(scratch, "dist");
  // Sixty signatories with 18 months of history give Partners, Champions, lapses and more than
  // 5 commitments done, so the impact page shows its figures rather than "fewer than 5".
  await promisify(execFile)(
    process.execPath,
    ["scripts/seed.ts", "--count", "60", "--all-public", "--history", "--seed", "1"],
    { cwd: root, env: { ...process.env, PGLITE_DATA_DIR: dataDir, SUPABASE_URL: "", DATABASE_URL: "" } },
  );
  const store = await openPgliteStore(dataDir);
  try {
    const token = await signedInOfficer(store);
    const sam = await approvedPledge(
      store,
      token,
      pledgeRow({
        name: samsName,
        listing: "organisation-name",
        status: "unconfirmed",
        // One action for each of the charter's two benefits.
        actions: ["work-placements", "buying-locally"],
        commitment: null,
      }),
    );
    // Listed, then withdrawn: the wall keeps its dates and must drop its name.
    const former = await approvedPledge(
      store,
      token,
      pledgeRow({ name: formerName, listing: "organisation-name", status: "unconfirmed" }),
    );
    await store.setStatus({ id: former.id, status: "withdrawn", actor: "pledger", reason: "Withdrawn by its author" });
    const doneBefore = await doneOnImpactPage(store);

    const commitments = (await store.checkIns.commitmentsFor(sam.reference))?.commitments ?? [];
    const idOf = (action: string) => commitments.find((each) => each.action_id === action)?.id ?? "";
    const stored = await store.checkIns.submitCheckIn(sam.reference, [
      { commitment_id: idOf("work-placements"), status: "done", evidence_url: evidence, note },
      { commitment_id: idOf("buying-locally"), status: "started", evidence_url: null, note: null },
    ]);
    if (stored !== "stored") throw new Error(`Sam's check-in was ${stored}`);
    const waiting = (await store.checkIns.checkInsWaiting(token)).find((each) => each.pledge_id === sam.id);
    if (!waiting) throw new Error("Sam's check-in is not waiting for an officer");
    const decided = await store.checkIns.decideCheckIn(token, { checkInId: waiting.id, decision: "accept" });
    if (decided !== "decided") throw new Error(`the officer's decision was ${decided}`);
    const [accepted] = await store.asRole<{ evidence_accepted_at: string }>(
      "anon",
      "select evidence_accepted_at from public.public_commitments() where signatory_id = $1 and action_id = 'work-placements'",
      [sam.id],
    );
    if (!accepted?.evidence_accepted_at) throw new Error("Sam's evidence is not public");
    await store.db.close();

    await buildSiteFrom(dataDir, out);
    const { signatories } = JSON.parse(await readFile(join(out, "data/signatories.json"), "utf8")) as {
      signatories: OpenDataSignatory[];
    };
    return {
      out,
      sam: { id: sam.id, acceptedAt: new Date(accepted.evidence_accepted_at).toISOString() },
      doneBefore,
      signatories,
    };
  } finally {
    if (!store.db.closed) await store.db.close();
  }
}

const test = base.extend<Record<never, never>, { seeded: SeededSite }>({
  seeded: [
    async ({}, use) => {
      const scratch = await mkdtemp(join(tmpdir(), "levels-and-impact-"));
      try {
        const { out, ...seeded } = await seedAndBuild(scratch);
        const server = await startBuiltSiteServer({ functions: {}, dir: out });
        await use({ ...seeded, origin: server.origin });
        await server.close();
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
    // Seeding takes a few seconds; the build most of the rest.
    { scope: "worker", timeout: 300_000 },
  ],
  baseURL: async ({ seeded }, use) => use(seeded.origin),
});

const fitsAt320 = async (page: Page) => {
  await page.setViewportSize({ width: 320, height: 800 });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
  return fits;
};

/** A signatory the build put at this level (and not lapsed), or one that lapsed. */
const signatoryWhere = (seeded: SeededSite, wanted: (signatory: OpenDataSignatory) => boolean) =>
  seeded.signatories.find((signatory) => signatory.name !== samsName && wanted(signatory));

/** A signatory's badge, opened as the browser opens an image: its content type and accessible name. */
async function badgeOf(page: Page, id: string) {
  const response = await page.goto(`/signatory/${id}/badge.svg`);
  expect(response?.status()).toBe(200);
  const svg = page.locator("svg");
  await expect(svg).toHaveAttribute("role", "img");
  await expect(svg).toHaveAttribute("aria-labelledby", "badge-title");
  return {
    type: response?.headers()["content-type"],
    title: await page.locator("#badge-title").textContent(),
    /** The colour of the band the charter's name sits in. */
    band: await page.locator("svg path").first().getAttribute("fill"),
  };
}

test.describe("a signatory's level and the impact page, after the officer accepts the evidence and the site is built", () => {
  test("Sam is a Partner on the wall and on the Partner filter page", async ({ page, seeded, axe }) => {
    await page.goto("/signatories/");
    const item = page.locator("#signatory-list .site-signatories__item").filter({ hasText: samsName });
    await expect(item).toHaveCount(1);
    await expect(item.getByRole("link", { name: samsName })).toHaveAttribute("href", `/signatory/${seeded.sam.id}/`);
    await expect(item.locator('[data-field="level"]')).toHaveText("Partner");
    await expect(page.getByRole("heading", { name: "How recognition levels work" })).toBeVisible();
    await axe(page);

    await page.goto("/signatories/level/partner/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/: Partner$/);
    await expect(page.locator("#signatory-list").getByRole("link", { name: samsName })).toBeVisible();
    const levels = await page.locator('#signatory-list .site-signatories__item [data-field="level"]').allInnerTexts();
    expect(levels.length).toBeGreaterThan(1);
    expect(new Set(levels)).toEqual(new Set(["Partner"]));
    await axe(page);
  });

  test("Sam's page gives the level since the evidence was accepted, the evidence, and the badge to copy", async ({
    page,
    seeded,
    axe,
  }) => {
    const since = ukDate(seeded.sam.acceptedAt);
    await page.goto(`/signatory/${seeded.sam.id}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(samsName);
    const level = page.locator('[data-level="partner"]');
    await expect(level).toContainText(`Partner since ${since}`);
    await expect(level).toContainText("Has done at least one of the things they pledged");
    await expect(page.locator("[data-lapsed]")).toHaveCount(0);

    const commitments = page.locator(".site-commitments > li");
    const done = commitments.filter({ has: page.getByRole("heading", { name: placements }) });
    await expect(done).toContainText(`Status: Done since ${since}`);
    await expect(done.getByRole("link", { name: evidence })).toHaveAttribute("href", evidence);
    await expect(done).toContainText(`Their note: ${note}`);
    const started = commitments.filter({ has: page.getByRole("heading", { name: buyingLocally }) });
    await expect(started).toContainText("Status: Started since");
    await expect(started.getByRole("link")).toHaveCount(0);

    const badge = page.getByRole("img", { name: new RegExp(`^${samsName}: Partner of .+ since ${since}$`) });
    await expect(badge).toHaveAttribute("src", `/signatory/${seeded.sam.id}/badge.svg`);
    expect(await badge.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    // The code to paste links back here around the badge, at the site's full address, with the
    // apostrophes in Sam's name kept from ending the attribute.
    const code = (await page.locator(".site-badge-code code").textContent()) ?? "";
    expect(code).toMatch(
      new RegExp(
        `^<a href="https?://[^"]+/signatory/${seeded.sam.id}/"><img src="https?://[^"]+/signatory/${seeded.sam.id}/badge\\.svg" alt="Sam&#39;s Bike Workshop&#39;s current recognition level in [^"]+" width="\\d+" height="\\d+"></a>$`,
      ),
    );
    await axe(page);
    expect(await fitsAt320(page)).toBe(true);

    const { type, title } = await badgeOf(page, seeded.sam.id);
    expect(type).toMatch(/^image\/svg\+xml/);
    expect(title).toMatch(new RegExp(`^${samsName}: Partner of .+ since ${since}$`));
  });

  test("the impact page counts Sam's commitment done", async ({ page, seeded, axe }) => {
    // Below 5 the page says "fewer than 5" either side, which proves nothing; the seed is sized so it never is.
    expect(seeded.doneBefore, "commitments done before Sam's check-in").toBeGreaterThanOrEqual(5);
    await page.goto("/impact/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Impact: what has been done");
    const all = page.locator('h2:text-is("All commitments") + dl');
    const done = all.locator(".govuk-summary-list__row").filter({ has: page.locator("dt", { hasText: /^Done$/ }) });
    await expect(done.locator("dd")).toHaveText(((seeded.doneBefore ?? 0) + 1).toLocaleString("en-GB"));
    // Each chart comes with its table.
    await expect(page.locator("svg[role='img']").first()).toBeVisible();
    await expect(page.locator("table").first()).toBeVisible();
    await axe(page);
    expect(await fitsAt320(page)).toBe(true);
  });

  test("a lapsed signatory's page says when it was last updated, and so does its grey badge", async ({
    page,
    seeded,
    axe,
  }) => {
    const lapsed = signatoryWhere(seeded, (signatory) => signatory.lapsed);
    expect(lapsed, "the history seed makes lapsed signatories").toBeDefined();
    await page.goto(`/signatory/${lapsed?.id}/`);
    await expect(page.locator('[data-level="signatory"]')).toBeVisible();
    await expect(page.locator("[data-lapsed]")).toContainText(/Not updated since \d{1,2} [A-Z][a-z]+ \d{4}/);
    await axe(page);
    const badge = await badgeOf(page, lapsed?.id ?? "");
    expect(badge.title).toMatch(/: Signatory of .+, not updated since \d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(badge.band).not.toBe((await badgeOf(page, seeded.sam.id)).band);
  });

  test("a Champion's page", async ({ page, seeded, axe }) => {
    const champion = signatoryWhere(seeded, (signatory) => signatory.level === "champion" && !signatory.lapsed);
    // --seed 1 makes Champions today; should a change to the seed stop that, the page goes
    // unchecked and the run says so, rather than failing on something Sam's journey does not need.
    test.skip(!champion, "the seed made no Champion");
    await page.goto(`/signatory/${champion?.id}/`);
    await expect(page.locator('[data-level="champion"]')).toContainText(/Champion since \d{1,2} [A-Z][a-z]+ \d{4}/);
    await expect(page.locator(".site-commitments").getByRole("link").first()).toBeVisible();
    await axe(page);
  });

  test("the former signatories are counted and dated, and named nowhere", async ({ page, axe }) => {
    await page.goto("/signatories/former/");
    await expect(page.locator("#former-count")).toHaveText("1 former signatory");
    await expect(page.locator("table tbody tr")).toHaveCount(1);
    await expect(page.locator("main")).not.toContainText(formerName);
    await expect(page.locator('main a[href^="/signatory/"]')).toHaveCount(0);
    await axe(page);

    const wall = await (await page.request.get("/data/signatories.json")).text();
    expect(wall).not.toContain(formerName);
    await page.goto("/signatories/");
    await expect(page.locator("main")).not.toContainText(formerName);
  });
});
