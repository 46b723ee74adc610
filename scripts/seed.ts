/**
 * npm run seed -- --count N: fills the database the environment chooses (the embedded one by
 * default) with realistic, varied and clearly fake pledges, most of them approved, including
 * hostile text: HTML and scripts, right-to-left text, emoji and very long words. Every fake
 * contact address is at example.com; names say they are examples.
 */
import { parseArgs } from "node:util";
import { actionIds, listingIds, organisationKindIds, wardIds } from "../src/pledge/pledge-catalogue.ts";
import { runtimeEnv } from "../src/runtime-env.ts";
import { openStore, storeChoiceFrom } from "../src/storage/choose-store.ts";
import type { NewPledge, PledgeStatus } from "../src/storage/pledge-store.ts";

const { values } = parseArgs({
  options: { count: { type: "string", default: "100" }, seed: { type: "string", default: "1" } },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 0 || count > 100_000) {
  console.error("--count must be a whole number from 0 to 100,000");
  process.exit(2);
}

// A small deterministic generator, so the same --seed gives the same pledges.
let state = Number(values.seed) || 1;
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const names = [
  "Example Bakery",
  "Sample Co-operative",
  "Test Community Garden",
  "Demo Engineering",
  "Fictional Youth Club",
  "Placeholder Cafe",
  "Mock Repair Shop",
  "Pretend Primary School",
];
const hostileNames = [
  '<script>alert("wall")</script> Example Ltd',
  "Example <b>Bold</b> & Co",
  "مثال تعاوني", // Arabic: right-to-left text
  "Example 🌱🚲 Collective",
  `Example ${"Supercalifragilisticexpialidocious".repeat(3)}`,
  "Example \u202Ereversed\u202C Traders",
  "Example' OR 1=1 -- Ltd",
];
const commitments = [
  "We will buy our supplies from businesses in Stevenage.",
  "We will offer two work placements a year.",
  'We will <img src=x onerror="alert(1)"> mentor a new business owner.',
  "سنشتري من الشركات المحلية.",
  "We will volunteer 🌳 at the community garden every month.",
];

function fakePledge(index: number): NewPledge {
  // Every tenth pledge is hostile, named and approved, so the wall must show it safely.
  const hostile = index % 10 === 0;
  const kind = pick(organisationKindIds);
  const listing = hostile ? "organisation-name" : pick(listingIds);
  const chosen = actionIds.filter(() => random() < 0.25);
  return {
    idempotency_key: crypto.randomUUID(),
    name: hostile ? `${hostileNames[(index / 10) % hostileNames.length]} ${index}` : `${pick(names)} ${index}`,
    kind,
    ward: listing === "name-and-area" || random() < 0.7 ? pick(wardIds) : null,
    website: random() < 0.3 ? `https://example.org/${index}` : null,
    actions: chosen.length > 0 ? chosen : [pick(actionIds)],
    commitment: hostile
      ? (commitments[(index / 10) % commitments.length] ?? null)
      : random() < 0.6
        ? pick(commitments)
        : null,
    target_date: null,
    contact_name: `Example Person ${index}`,
    contact_email: `example.person.${index}@example.com`,
    listing,
    privacy_acknowledged_at: new Date().toISOString(),
    charter_version: "2020-01",
    channel: pick(["online", "online", "online", "assisted", "paper"] as const),
  };
}

const storage = await openStore(storeChoiceFrom(runtimeEnv));
const tally: Record<PledgeStatus, number> = { pending: 0, approved: 0, rejected: 0, withdrawn: 0 };
for (let index = 1; index <= count; index++) {
  const outcome = await storage.submit(fakePledge(index));
  if (outcome.outcome !== "created") continue;
  const roll = random();
  const status: PledgeStatus =
    index % 10 === 0 || roll < 0.75 ? "approved" : roll < 0.85 ? "pending" : roll < 0.95 ? "rejected" : "withdrawn";
  const record = await storage.show(outcome.reference);
  if (!record) continue;
  if (status !== "pending") {
    await storage.setStatus({
      id: record.id,
      status: status === "withdrawn" ? "approved" : status,
      actor: "seed",
      reason: "seed",
    });
  }
  if (status === "withdrawn") await storage.setStatus({ id: record.id, status, actor: "seed", reason: "seed" });
  tally[status] += 1;
}
console.log(
  `Seeded ${count} pledges: ${Object.entries(tally)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ")}.`,
);
process.exit();
