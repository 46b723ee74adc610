/**
 * Recognition levels as the build works them out: Signatory on approval, Partner with one
 * commitment done and its evidence accepted, Champion with three across both benefits and a
 * recent check-in, and a lapse after 18 months without one. Rows are made by hand in the shapes
 * the public read gives; the rules are the plan's, as content/levels.yaml holds them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { pledgeCatalogue } from "../../../src/pledge/pledge-catalogue.ts";
import { type LevelsFile, levelsFileSchema } from "../../../src/wall/level-rules.ts";
import {
  addMonths,
  type LevelContext,
  type PublicCommitment,
  type Standing,
  standingOf,
  standingsOf,
} from "../../../src/wall/levels.ts";

const rules: Pick<LevelsFile, "levels" | "lapseAfterMonths"> = {
  levels: [
    { id: "signatory", name: "Signatory", description: "Approved." },
    {
      id: "partner",
      name: "Partner",
      description: "One done.",
      requires: { doneWithAcceptedEvidence: 1, acrossEveryBenefit: false },
    },
    {
      id: "champion",
      name: "Champion",
      description: "Three done.",
      requires: { doneWithAcceptedEvidence: 3, acrossEveryBenefit: true, checkInWithinMonths: 12 },
    },
  ],
  lapseAfterMonths: 18,
};

const benefitOfAction = new Map(
  pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions.map((action) => [action.id, benefit.id] as const)),
);

const at = (iso: string): LevelContext => ({
  rules,
  now: new Date(iso),
  benefitOf: (id) => benefitOfAction.get(id),
  benefits: pledgeCatalogue.benefits.map((benefit) => benefit.id),
});

// Two actions of each benefit (content/actions.json).
const fairer = ["work-placements", "careers-advice-in-schools"] as const;
const resilient = ["buying-locally", "cooperatives"] as const;

let sequence = 0;
const commitment = (overrides: Partial<PublicCommitment> = {}): PublicCommitment => {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    signatory_id: "s1",
    action_id: "buying-locally",
    status: "planned",
    status_since: "2026-01-10T09:00:00.000Z",
    evidence_url: null,
    note: null,
    evidence_accepted_at: null,
    ...overrides,
  };
};

/** Done, with evidence accepted on the date given. */
const proven = (actionId: string | null, acceptedAt: string) =>
  commitment({
    action_id: actionId,
    status: "done",
    status_since: acceptedAt,
    evidence_url: "https://example.org/evidence",
    evidence_accepted_at: acceptedAt,
  });

const listed = { listed_at: "2026-01-10T09:00:00.000Z" };

const standing = (commitments: PublicCommitment[], lastCheckIn: string | null, now: string): Standing =>
  standingOf(listed, commitments, lastCheckIn, at(now));

describe("a signatory's recognition level", () => {
  it("is Signatory from the day it is listed, with nothing done", () => {
    expect(standing([commitment(), commitment({ status: "started" })], null, "2026-02-01T00:00:00Z")).toEqual({
      level: "signatory",
      since: listed.listed_at,
      lapsed: false,
      lastUpdated: listed.listed_at,
      reached: [],
    });
  });

  it("is Partner from the day an officer accepted the evidence of one done commitment", () => {
    const result = standing(
      [proven("buying-locally", "2026-07-01T12:00:00.000Z")],
      "2026-07-01T12:00:00.000Z",
      "2026-08-01T00:00:00Z",
    );
    expect(result.level).toBe("partner");
    expect(result.since).toBe("2026-07-01T12:00:00.000Z");
    expect(result.reached).toEqual([{ level: "partner", at: "2026-07-01T12:00:00.000Z" }]);
  });

  it("takes the earliest acceptance as the day Partner was reached", () => {
    const result = standing(
      [proven("cooperatives", "2026-09-01T00:00:00.000Z"), proven("buying-locally", "2026-07-01T00:00:00.000Z")],
      "2026-09-01T00:00:00.000Z",
      "2026-10-01T00:00:00Z",
    );
    expect(result.since).toBe("2026-07-01T00:00:00.000Z");
  });

  it("dates Partner from the day a commitment was done when its evidence was accepted before, while it was started", () => {
    const doneLater = {
      ...proven("buying-locally", "2026-05-01T00:00:00.000Z"),
      status_since: "2026-08-01T00:00:00.000Z",
    };
    const result = standing([doneLater], "2026-08-01T00:00:00.000Z", "2026-09-01T00:00:00Z");
    expect(result).toMatchObject({ level: "partner", since: "2026-08-01T00:00:00.000Z" });
  });

  it("does not count a done commitment whose evidence was not accepted", () => {
    const doneWithoutEvidence = commitment({ status: "done", status_since: "2026-07-01T00:00:00.000Z" });
    expect(standing([doneWithoutEvidence], "2026-07-01T00:00:00.000Z", "2026-08-01T00:00:00Z").level).toBe("signatory");
  });

  it("does not count a dropped commitment, even one whose evidence was once accepted", () => {
    const dropped = { ...proven("buying-locally", "2026-07-01T00:00:00.000Z"), status: "dropped" as const };
    expect(standing([dropped], "2026-07-01T00:00:00.000Z", "2026-08-01T00:00:00Z").level).toBe("signatory");
  });

  it("does not count a started or planned commitment with accepted evidence", () => {
    const started = { ...proven("buying-locally", "2026-07-01T00:00:00.000Z"), status: "started" as const };
    expect(standing([started], "2026-07-01T00:00:00.000Z", "2026-08-01T00:00:00Z").level).toBe("signatory");
  });

  it("counts a done own-words commitment towards Partner", () => {
    expect(
      standing([proven(null, "2026-07-01T00:00:00.000Z")], "2026-07-01T00:00:00.000Z", "2026-08-01T00:00:00Z").level,
    ).toBe("partner");
  });

  it("is Champion with three done across both benefits and a check-in within 12 months, from the acceptance that completed them", () => {
    const result = standing(
      [
        proven(fairer[0], "2026-05-01T00:00:00.000Z"),
        proven(fairer[1], "2026-06-01T00:00:00.000Z"),
        proven(resilient[0], "2026-09-01T00:00:00.000Z"),
      ],
      "2026-09-01T00:00:00.000Z",
      "2026-10-01T00:00:00Z",
    );
    expect(result.level).toBe("champion");
    expect(result.since).toBe("2026-09-01T00:00:00.000Z");
    expect(result.reached).toEqual([
      { level: "partner", at: "2026-05-01T00:00:00.000Z" },
      { level: "champion", at: "2026-09-01T00:00:00.000Z" },
    ]);
  });

  it("needs both benefits for Champion: three done for one benefit is Partner", () => {
    const result = standing(
      [
        proven(resilient[0], "2026-05-01T00:00:00.000Z"),
        proven(resilient[1], "2026-06-01T00:00:00.000Z"),
        proven("pooling-budgets", "2026-07-01T00:00:00.000Z"),
      ],
      "2026-07-01T00:00:00.000Z",
      "2026-08-01T00:00:00Z",
    );
    expect(result.level).toBe("partner");
  });

  it("waits for the commitment that brings the second benefit before Champion, however many were done before", () => {
    const result = standing(
      [
        proven(resilient[0], "2026-03-01T00:00:00.000Z"),
        proven(resilient[1], "2026-04-01T00:00:00.000Z"),
        proven("pooling-budgets", "2026-05-01T00:00:00.000Z"),
        proven(fairer[0], "2026-08-15T00:00:00.000Z"),
      ],
      "2026-08-15T00:00:00.000Z",
      "2026-09-01T00:00:00Z",
    );
    expect(result.level).toBe("champion");
    expect(result.since).toBe("2026-08-15T00:00:00.000Z");
  });

  it("counts an own-words commitment towards the three for Champion but not as covering a benefit", () => {
    const ownWordsAndOneBenefit = [
      proven(null, "2026-05-01T00:00:00.000Z"),
      proven(resilient[0], "2026-06-01T00:00:00.000Z"),
      proven(resilient[1], "2026-07-01T00:00:00.000Z"),
    ];
    expect(standing(ownWordsAndOneBenefit, "2026-07-01T00:00:00.000Z", "2026-08-01T00:00:00Z").level).toBe("partner");
    const ownWordsAndBoth = [...ownWordsAndOneBenefit.slice(0, 2), proven(fairer[0], "2026-07-01T00:00:00.000Z")];
    expect(standing(ownWordsAndBoth, "2026-07-01T00:00:00.000Z", "2026-08-01T00:00:00Z").level).toBe("champion");
  });

  it("does not count an action no longer in the catalogue as covering a benefit", () => {
    const result = standing(
      [
        proven("an-action-since-removed", "2026-05-01T00:00:00.000Z"),
        proven(resilient[0], "2026-06-01T00:00:00.000Z"),
        proven(resilient[1], "2026-07-01T00:00:00.000Z"),
      ],
      "2026-07-01T00:00:00.000Z",
      "2026-08-01T00:00:00Z",
    );
    expect(result.level).toBe("partner");
  });

  describe("Champion's check-in within 12 months", () => {
    const three = () => [
      proven(fairer[0], "2026-03-01T10:00:00.000Z"),
      proven(fairer[1], "2026-03-01T10:00:00.000Z"),
      proven(resilient[0], "2026-03-01T10:00:00.000Z"),
    ];

    it("still holds on the day exactly 12 months after the last accepted check-in", () => {
      expect(standing(three(), "2026-03-01T10:00:00.000Z", "2027-03-01T10:00:00.000Z").level).toBe("champion");
    });

    it("drops to Partner a moment after 12 months, keeping Partner's own date", () => {
      const result = standing(three(), "2026-03-01T10:00:00.000Z", "2027-03-01T10:00:00.001Z");
      expect(result.level).toBe("partner");
      expect(result.since).toBe("2026-03-01T10:00:00.000Z");
      expect(result.lapsed).toBe(false);
      expect(result.reached).toEqual([{ level: "partner", at: "2026-03-01T10:00:00.000Z" }]);
    });

    it("is kept by a later check-in that accepted no new evidence", () => {
      expect(standing(three(), "2027-02-01T00:00:00.000Z", "2027-06-01T00:00:00.000Z").level).toBe("champion");
    });
  });

  describe("lapsing after 18 months without an accepted check-in", () => {
    it("lapses exactly 18 months after approval when there has been no check-in", () => {
      const result = standing([commitment()], null, "2027-07-10T09:00:00.000Z");
      expect(result.lapsed).toBe(true);
      expect(result.lastUpdated).toBe(listed.listed_at);
    });

    it("has not lapsed a moment before 18 months after approval", () => {
      expect(standing([commitment()], null, "2027-07-10T08:59:59.999Z").lapsed).toBe(false);
    });

    it("counts 18 months from the last accepted check-in, and names it as the date not updated since", () => {
      const checkIn = "2026-07-20T15:00:00.000Z";
      expect(standing([commitment()], checkIn, "2028-01-20T14:59:59.999Z").lapsed).toBe(false);
      const result = standing([commitment()], checkIn, "2028-01-20T15:00:00.000Z");
      expect(result.lapsed).toBe(true);
      expect(result.lastUpdated).toBe(checkIn);
    });

    it("counts as Signatory only while lapsed, whatever it had done, since its listing", () => {
      const result = standing(
        [proven(null, "2026-03-01T00:00:00.000Z")],
        "2026-03-01T00:00:00.000Z",
        "2027-09-01T00:00:00.000Z",
      );
      expect(result).toEqual({
        level: "signatory",
        since: listed.listed_at,
        lapsed: true,
        lastUpdated: "2026-03-01T00:00:00.000Z",
        reached: [],
      });
    });

    it("takes an evidence acceptance as a check-in when the check-in date is missing", () => {
      const result = standing([proven(null, "2027-01-01T00:00:00.000Z")], null, "2027-12-01T00:00:00.000Z");
      expect(result.lapsed).toBe(false);
      expect(result.lastUpdated).toBe("2027-01-01T00:00:00.000Z");
    });

    it("counts from the end of a shorter month: 31 August plus 18 months is the end of February", () => {
      const signatory = { listed_at: "2026-08-31T12:00:00.000Z" };
      expect(standingOf(signatory, [], null, at("2028-02-29T11:59:59.999Z")).lapsed).toBe(false);
      expect(standingOf(signatory, [], null, at("2028-02-29T12:00:00.000Z")).lapsed).toBe(true);
    });
  });
});

describe("adding calendar months", () => {
  it.each([
    ["2026-01-15T10:00:00.000Z", 12, "2027-01-15T10:00:00.000Z"],
    ["2026-01-31T00:00:00.000Z", 1, "2026-02-28T00:00:00.000Z"],
    ["2027-08-31T00:00:00.000Z", 18, "2029-02-28T00:00:00.000Z"],
    ["2026-11-30T23:30:00.000Z", 3, "2027-02-28T23:30:00.000Z"],
  ])("%s plus %i months is %s", (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });
});

describe("the whole wall's standings", () => {
  it("looks up each signatory's own commitments and check-in, and gives one with none of either Signatory", () => {
    const standings = standingsOf(
      [
        { id: "a", listed_at: "2026-01-01T00:00:00.000Z" },
        { id: "b", listed_at: "2026-02-01T00:00:00.000Z" },
        { id: "c", listed_at: "2026-03-01T00:00:00.000Z" },
      ],
      [
        { ...proven("buying-locally", "2026-06-01T00:00:00.000Z"), signatory_id: "b" },
        { ...commitment(), signatory_id: "a" },
      ],
      [
        { signatory_id: "a", last_check_in_at: "2026-05-01T00:00:00.000Z" },
        { signatory_id: "b", last_check_in_at: "2026-06-01T00:00:00.000Z" },
      ],
      at("2026-07-01T00:00:00.000Z"),
    );
    expect(standings.get("a")).toMatchObject({ level: "signatory", lastUpdated: "2026-05-01T00:00:00.000Z" });
    expect(standings.get("b")).toMatchObject({ level: "partner", since: "2026-06-01T00:00:00.000Z" });
    expect(standings.get("c")).toMatchObject({ level: "signatory", lastUpdated: "2026-03-01T00:00:00.000Z" });
  });

  it("works out 10,000 signatories with three commitments each in well under a second", () => {
    const signatories = Array.from({ length: 10_000 }, (_, index) => ({
      id: `s${index}`,
      listed_at: "2026-01-01T00:00:00.000Z",
    }));
    const commitments = signatories.flatMap((signatory, index) =>
      [fairer[0], resilient[0], null].map((action) => ({
        ...(index % 2 ? proven(action, "2026-06-01T00:00:00.000Z") : commitment({ action_id: action })),
        signatory_id: signatory.id,
      })),
    );
    const checkIns = signatories.map((s) => ({ signatory_id: s.id, last_check_in_at: "2026-06-01T00:00:00.000Z" }));
    const started = performance.now();
    const standings = standingsOf(signatories, commitments, checkIns, at("2026-07-01T00:00:00.000Z"));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(standings.get("s1")?.level).toBe("champion");
    expect(standings.get("s2")?.level).toBe("signatory");
  });
});

describe("content/levels.yaml", () => {
  const file = () =>
    levelsFileSchema.parse(load(readFileSync(join(import.meta.dirname, "../../../content/levels.yaml"), "utf8")));

  it("holds the plan's rules: Partner at 1 done, Champion at 3 across every benefit with a check-in in 12 months, a lapse at 18", () => {
    const { levels, lapseAfterMonths } = file();
    expect(levels.map((level) => [level.id, level.requires])).toEqual(
      rules.levels.map((level) => [level.id, level.requires]),
    );
    expect(lapseAfterMonths).toBe(rules.lapseAfterMonths);
  });

  it("refuses a level after the first that says nothing of what it requires", () => {
    const broken = { ...file(), levels: [...file().levels, { id: "hero", name: "Hero", description: "Anything." }] };
    expect(levelsFileSchema.safeParse(broken).success).toBe(false);
  });

  it("refuses a level that requires fewer done commitments than the one before", () => {
    const [signatory, partner, champion] = file().levels;
    const lower = { ...champion, requires: { doneWithAcceptedEvidence: 0, acrossEveryBenefit: true } };
    expect(levelsFileSchema.safeParse({ ...file(), levels: [signatory, partner, lower] }).success).toBe(false);
    const fewer = { ...partner, id: "second", requires: { doneWithAcceptedEvidence: 1 } };
    const third = { ...partner, id: "third", requires: { doneWithAcceptedEvidence: 2 } };
    expect(levelsFileSchema.safeParse({ ...file(), levels: [signatory, third, fewer] }).success).toBe(false);
  });
});
