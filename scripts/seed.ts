/**
 * npm run seed -- --count N: fills the database the environment chooses (the embedded one by
 * default) with realistic, varied and clearly fake pledges, most of them approved, including
 * hostile text: HTML and scripts, right-to-left text, emoji and very long words. Every fake
 * contact address is at example.com; names say they are examples. With --all-public every
 * pledge is approved and listed by name, so the wall shows exactly --count signatories (the
 * build benchmark seeds this way). With --history the pledges have a past: approvals spread
 * over the last 18 months, check-ins at 6 and 12 months mostly accepted (statuses moving on,
 * evidence links and notes), some taken by phone, some rejected or still waiting, pledges
 * lapsed (approved 19 to 24 months ago and never checked in) and pledges withdrawn, so a local
 * site shows real charts and levels. It needs the database's owner (the embedded database, or a
 * local PostgreSQL); without it the seed is as before.
 */
import { parseArgs } from "node:util";
import { readConfig } from "../src/config.ts";
import { actionIds, listingIds, organisationKindIds, wardIds } from "../src/pledge/pledge-catalogue.ts";
import { openAnyStore } from "../src/storage/choose-any-store.ts";
import type { CommitmentStatus } from "../src/storage/commitment-store.ts";
import type { NewPledge, PledgeStatus } from "../src/storage/pledge-store.ts";
import {
  historyWriterFor,
  type SeedCheckIn,
  type SeedHistory,
  type SeedPledge,
  seedBatchSize,
  seedWriterFor,
} from "./lib/seed-writer.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100" },
    seed: { type: "string", default: "1" },
    // Every pledge approved and listed by name: the wall then shows exactly --count signatories.
    "all-public": { type: "boolean", default: false },
    // Approvals, check-ins, evidence, lapses and withdrawals over the last 18 months and more.
    history: { type: "boolean", default: false },
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

// The pasts draw on a generator of their own, so the pledges are those of the same --seed without --history.
let pastState = ((Number(values.seed) || 1) * 7919) % 2_147_483_648 || 1;
const pastRandom = () => {
  pastState = (pastState * 1_103_515_245 + 12_345) % 2_147_483_648;
  return pastState / 2_147_483_648;
};
const day = 86_400_000;
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * day);
const between = (low: number, high: number) => low + pastRandom() * (high - low);
const evidenceNotes = [
  "Two local suppliers now deliver to us every week.",
  "Our first placement started in March.",
  "We meet the co-operative every quarter.",
  "Staff volunteered 40 hours this year.",
  "Careers talks given at two schools.",
];
const nextStatus: Record<CommitmentStatus, [CommitmentStatus, number][]> = {
  planned: [
    ["planned", 0.3],
    ["started", 0.45],
    ["done", 0.15],
    ["dropped", 0.1],
  ],
  started: [
    ["started", 0.35],
    ["done", 0.6],
    ["dropped", 0.05],
  ],
  done: [["done", 1]],
  dropped: [["dropped", 1]],
};
const moveOn = (status: CommitmentStatus): CommitmentStatus => {
  let roll = pastRandom();
  for (const [next, chance] of nextStatus[status]) {
    roll -= chance;
    if (roll < 0) return next;
  }
  return status;
};

/** A check-in at the time given, answering each commitment not dropped, and how an officer dealt with it. */
function fakeCheckIn(
  index: number,
  statuses: Map<string | null, CommitmentStatus>,
  evidenced: Set<string | null>,
  at: Date,
): SeedCheckIn {
  const roll = pastRandom();
  const taken = roll < 0.06;
  const review = taken || roll < 0.95 ? "accepted" : "rejected";
  const withEvidence = taken || roll < 0.87;
  const reviewedAt = new Date(Math.min(at.getTime() + between(0.5, 10) * day, now - day / 2));
  const answers = [...statuses]
    .filter(([, status]) => status !== "dropped")
    .map(([action, status]) => {
      const next = moveOn(status);
      const evidence = next === "done" && !evidenced.has(action) && pastRandom() < 0.75;
      return {
        action_id: action,
        status: next,
        evidence_url: evidence ? `https://example.org/evidence/${index}/${action ?? "own-words"}` : null,
        note: pastRandom() < 0.35 ? (evidenceNotes[Math.floor(pastRandom() * evidenceNotes.length)] ?? null) : null,
      };
    });
  if (review === "accepted")
    for (const answer of answers) {
      statuses.set(answer.action_id, answer.status);
      if (withEvidence && answer.evidence_url) evidenced.add(answer.action_id);
    }
  return {
    source: taken ? "officer" : "pledger",
    submittedAt: (taken ? reviewedAt : at).toISOString(),
    review,
    withEvidence,
    reviewedAt: reviewedAt.toISOString(),
    reason: review === "rejected" ? "The evidence link is another organisation's (seed)" : null,
    statement: taken ? "Taken by phone with the organisation's contact (seed)" : null,
    answers,
  };
}

/**
 * A pledge's past: approved within the last 18 months, or 19 to 24 for one that lapsed (never
 * checked in); a withdrawn one went some months after approval. Check-ins come 6 and 12 months
 * after approval, most of them; a few more wait for an officer now.
 */
function fakeHistory(index: number, reference: string, pledge: NewPledge, status: PledgeStatus): SeedHistory {
  const lapsed = status === "approved" && pastRandom() < 0.12;
  const age = lapsed ? between(575, 730) : status === "withdrawn" ? between(60, 548) : between(0, 548);
  const approvedAt = daysAgo(age);
  if (status === "withdrawn") {
    const withdrawnAt = new Date(approvedAt.getTime() + between(20, age - 1) * day);
    return { reference, approvedAt: approvedAt.toISOString(), withdrawnAt: withdrawnAt.toISOString(), checkIns: [] };
  }
  const checkIns: SeedCheckIn[] = [];
  if (!lapsed) {
    const statuses = new Map<string | null, CommitmentStatus>(pledge.actions.map((action) => [action, "planned"]));
    if (pledge.commitment) statuses.set(null, "planned");
    const evidenced = new Set<string | null>();
    for (const months of [6, 12]) {
      const at = new Date(approvedAt.getTime() + (months * 30.5 + between(0, 20)) * day);
      if (at.getTime() < now - 2 * day && pastRandom() < (months === 6 ? 0.75 : 0.65))
        checkIns.push(fakeCheckIn(index, statuses, evidenced, at));
    }
    const last = Date.parse(checkIns.at(-1)?.reviewedAt ?? approvedAt.toISOString());
    if (age > 30 && last < now - 2 * day && pastRandom() < 0.05) {
      const waiting = fakeCheckIn(index, statuses, evidenced, new Date(Math.max(last + day, now - 5 * day)));
      checkIns.push({
        ...waiting,
        source: "pledger",
        review: "waiting",
        reviewedAt: null,
        reason: null,
        statement: null,
      });
    }
  }
  return { reference, approvedAt: approvedAt.toISOString(), withdrawnAt: null, checkIns };
}

const storage = await openAnyStore(readConfig().store);
const write = seedWriterFor(storage);
const writeHistory = values.history ? historyWriterFor(storage) : undefined;
if (values.history && !writeHistory) {
  console.error(
    "--history needs a database the seed reaches with SQL as its owner (the embedded database or PostgreSQL)",
  );
  process.exit(2);
}
const tally: Record<PledgeStatus, number> = { unconfirmed: 0, pending: 0, approved: 0, rejected: 0, withdrawn: 0 };
let histories = 0;
for (let first = 1; first <= count; first += seedBatchSize) {
  const batch: SeedPledge[] = [];
  for (let index = first; index <= Math.min(count, first + seedBatchSize - 1); index++) {
    batch.push({ pledge: fakePledge(index), status: fakeStatus(index) });
  }
  const stored = await write(batch);
  for (const [index, { status }] of batch.entries()) if (stored[index]) tally[status] += 1;
  if (writeHistory) {
    const pasts = batch.flatMap(({ pledge, status }, index) => {
      const reference = stored[index];
      return reference && (status === "approved" || status === "withdrawn")
        ? [fakeHistory(first + index, reference, pledge, status)]
        : [];
    });
    await writeHistory(pasts);
    histories += pasts.reduce((sum, past) => sum + past.checkIns.length, 0);
  }
}
if (writeHistory) {
  // The check-in e-mails the seeded past has made due are claimed, as the approval notices are below.
  while ((await storage.checkIns.claimDueCheckIns(1000)).length > 0) {}
}
// The seeded pledgers are made up: there is nobody to tell of their approval, so no e-mails
// pile up in the outbox for the next real approval to send.
while ((await storage.claimApprovalNotices(1000)).length > 0) {}
console.log(
  `Seeded ${count} pledges: ${Object.entries(tally)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ")}${writeHistory ? `, with ${histories} check-ins over the last 18 months and more` : ""}.`,
);
process.exit();
