/**
 * npm run seed -- --count N: fills the database the environment chooses (the embedded one by
 * default) with realistic, varied and clearly fake pledges, most of them approved, including
 * hostile text: HTML and scripts, right-to-left text, emoji and very long words. Every fake
 * contact address is at example.com; names say they are examples. With --all-public every
 * pledge is approved and listed by name, so the wall shows exactly --count signatories (the
 * build benchmark seeds this way).
 */
import { parseArgs } from "node:util";
import { readConfig } from "../src/config.ts";
import { actionIds, listingIds, organisationKindIds, wardIds } from "../src/pledge/pledge-catalogue.ts";
import { openAnyStore } from "../src/storage/choose-any-store.ts";
import type { NewPledge, PledgeStatus } from "../src/storage/pledge-store.ts";
import { type SeedPledge, seedBatchSize, seedWriterFor } from "./lib/seed-writer.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100" },
    seed: { type: "string", default: "1" },
    // Every pledge approved and listed by name: the wall then shows exactly --count signatories.
    "all-public": { type: "boolean", default: false },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 0 || count > 100_000) {
  console.error("--count must be a whole number from 0 to 100,000");
  process.exit(2);
}
const allPublic = values["all-public"];

// A small deterministic generator, so the same --seed gives the same pledges.
let state = Number(values.seed) || 1;
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

// Names are built from parts so a large wall is varied, and every one says it is not real.
const fakeWords = ["Example", "Sample", "Test", "Demo", "Fictional", "Placeholder", "Mock", "Pretend"];
const namesByKind: Record<string, readonly string[]> = {
  business: ["Bakery", "Engineering Ltd", "Repair Shop", "Cafe", "Print Works", "Plumbing", "Hair Studio", "Garage"],
  "social-enterprise": ["Co-operative", "Food Hub CIC", "Bike Workshop", "Community Energy", "Laundry Co-op"],
  charity: ["Community Garden", "Youth Club", "Food Bank", "Befriending Group", "Allotment Society"],
  "public-sector": ["Council Service", "Health Centre", "Library", "Fire Station", "Leisure Centre"],
  education: ["Primary School", "Academy", "College", "Nursery", "Adult Learning Centre"],
  resident: ["Resident", "Householder", "Neighbour"],
};
const hostileNames = [
  '<script>alert("wall")</script> Example Ltd',
  "Example <b>Bold</b> & Co",
  "مثال تعاوني", // Arabic: right-to-left text
  "Example 🌱🚲 Collective",
  `Example ${"Supercalifragilisticexpialidocious".repeat(3)}`,
  "Example \u202Ereversed\u202C Traders",
  "Example' OR 1=1 -- Ltd",
  "Example </title><h1>Heading</h1> Ltd",
  "Ex\u0335a\u0336m\u0337p\u0338l\u0335e Z\u0336a\u0337l\u0338g\u0335o", // stacked combining marks
  "Example\u200B\u200Bzero\u200Dwidth",
  "例 示例合作社", // Chinese
  '=HYPERLINK("http://example.com") Example',
  "דוגמה Example Mixed עברית", // Hebrew inside English
  // Template syntax that must reach the page as text, never be filled in.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the hostile text itself
  "Example {{template}} ${injection}",
];
const commitments = [
  "We will buy our supplies from businesses in Stevenage.",
  "We will offer two work placements a year.",
  "We will pay the real Living Wage and ask our suppliers to do the same.",
  "We will open our meeting room to community groups free of charge.",
  "We will volunteer 🌳 at the community garden every month.",
];
const hostileCommitments = [
  'We will <img src=x onerror="alert(1)"> mentor a new business owner.',
  "سنشتري من الشركات المحلية.",
  `We will ${"a".repeat(300)} without a single space, to test wrapping.`,
  '<a href="javascript:alert(1)">Click</a> <style>body{display:none}</style>',
  `We will ${"keep going, ".repeat(80)}and then stop.`,
  "🧑‍🤝‍🧑🏽 🏳️‍🌈 👩🏿‍🔧 emoji made of several code points",
];

const fakeName = (kind: string, index: number) =>
  `${pick(fakeWords)} ${pick(namesByKind[kind] ?? ["Organisation"])} ${index}`;

function fakePledge(index: number): NewPledge {
  // Every tenth pledge is hostile, named and approved, so the wall must show it safely.
  const hostile = index % 10 === 0;
  const kind = pick(organisationKindIds);
  const listing = hostile ? "organisation-name" : allPublic ? pick(listingIds.slice(0, 2)) : pick(listingIds);
  const chosen = actionIds.filter(() => random() < 0.25);
  const hostileTurn = index / 10;
  return {
    idempotency_key: crypto.randomUUID(),
    name: hostile ? `${hostileNames[hostileTurn % hostileNames.length]} ${index}` : fakeName(kind, index),
    kind,
    ward: listing === "name-and-area" || random() < 0.7 ? pick(wardIds) : null,
    website: random() < 0.3 ? `https://example.org/${index}` : null,
    actions: chosen.length > 0 ? chosen : [pick(actionIds)],
    commitment: hostile
      ? (hostileCommitments[hostileTurn % hostileCommitments.length] ?? null)
      : random() < 0.6
        ? pick(commitments)
        : null,
    target_date: random() < 0.2 ? `${2026 + Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}-01` : null,
    contact_name: `Example Person ${index}`,
    contact_email: `example.person.${index}@example.com`,
    listing,
    privacy_acknowledged_at: new Date().toISOString(),
    charter_version: "2020-01",
    channel: pick(["online", "online", "online", "assisted", "paper"] as const),
  };
}

/** Where each pledge ends up: most approved, a few pending, rejected or withdrawn. */
function fakeStatus(index: number): PledgeStatus {
  const roll = random();
  if (allPublic || index % 10 === 0 || roll < 0.75) return "approved";
  return roll < 0.85 ? "pending" : roll < 0.95 ? "rejected" : "withdrawn";
}

const storage = await openAnyStore(readConfig().store);
const write = seedWriterFor(storage);
const tally: Record<PledgeStatus, number> = { unconfirmed: 0, pending: 0, approved: 0, rejected: 0, withdrawn: 0 };
for (let first = 1; first <= count; first += seedBatchSize) {
  const batch: SeedPledge[] = [];
  for (let index = first; index <= Math.min(count, first + seedBatchSize - 1); index++) {
    batch.push({ pledge: fakePledge(index), status: fakeStatus(index) });
  }
  const stored = await write(batch);
  for (const [index, { status }] of batch.entries()) if (stored[index]) tally[status] += 1;
}
// The seeded pledgers are made up: there is nobody to tell of their approval, so no e-mails
// pile up in the outbox for the next real approval to send.
while ((await storage.claimApprovalNotices(1000)).length > 0) {}
console.log(
  `Seeded ${count} pledges: ${Object.entries(tally)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ")}.`,
);
process.exit();
