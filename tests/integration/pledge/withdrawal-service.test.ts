/**
 * The withdrawal service on each database engine: the statuses it offers to withdraw are exactly
 * those the database lets a pledge move from to "withdrawn", and it withdraws once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withdrawalKey } from "../../../src/pledge/withdrawal-key.ts";
import { createWithdrawalService, mayWithdraw, pledgerActor } from "../../../src/pledge/withdrawal-service.ts";
import { Constants } from "../../../src/storage/database.types.ts";
import { pledgeRow } from "../../fixtures/pledge-records.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const secret = "withdrawal-service-secret";

describe.each(storeTargets)("withdrawing a pledge on $name", ({ open }) => {
  let target: StoreTarget;
  beforeAll(async () => {
    target = await open();
  }, 120_000);
  afterAll(() => target?.close());

  async function pledgeWithStatus(status: string) {
    // An unconfirmed pledge is one the public form sent; the others have been confirmed.
    const outcome = await target.store.submit(pledgeRow(status === "unconfirmed" ? { status } : {}));
    if (outcome.outcome !== "created") throw new Error("setup: the pledge was not created");
    const record = await target.store.show(outcome.reference);
    if (!record) throw new Error("setup: the pledge was not found");
    if (status !== "pending" && status !== "unconfirmed") {
      await target.store.setStatus({ id: record.id, status: status as "approved", actor: "Setup", reason: "setup" });
    }
    return { id: record.id, reference: outcome.reference };
  }

  it.each(Constants.public.Enums.pledge_status)(
    "offers to withdraw a %s pledge exactly when the database allows it",
    async (status) => {
      const { id } = await pledgeWithStatus(status);
      const allowed = await target.store
        .setStatus({ id, status: "withdrawn", actor: "Test", reason: "does the database allow it" })
        .then(
          () => true,
          () => false,
        );
      // A withdrawn pledge "moves" to withdrawn as no change at all: it is not withdrawable again.
      expect(mayWithdraw(status)).toBe(status === "withdrawn" ? false : allowed);
    },
  );

  it("withdraws a pledge once, recording the pledger as the one who did it", async () => {
    const { id, reference } = await pledgeWithStatus("approved");
    const service = createWithdrawalService({ storage: async () => target.store, secret: async () => secret });
    const link = { reference, key: withdrawalKey(secret, reference) };
    expect(await service.look(link)).toMatchObject({ kind: "withdrawable", status: "approved" });
    expect(await service.withdraw(link)).toEqual({ kind: "withdrawn", reference });
    expect(await service.withdraw(link)).toEqual({ kind: "already-withdrawn", reference });
    const record = await target.store.show(id);
    expect(record?.history.filter((change) => change.to_status === "withdrawn")).toEqual([
      expect.objectContaining({ changed_by: pledgerActor }),
    ]);
  });

  it("answers a link with another pledge's key as a link we never sent, and changes nothing", async () => {
    const { id, reference } = await pledgeWithStatus("approved");
    const service = createWithdrawalService({ storage: async () => target.store, secret: async () => secret });
    expect(await service.withdraw({ reference, key: withdrawalKey(secret, "SC-00000000") })).toEqual({
      kind: "invalid-link",
    });
    expect((await target.store.show(id))?.status).toBe("approved");
  });
});
