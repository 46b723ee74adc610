/**
 * Telling pledgers of approval on each adapter: every approved pledge is claimed once, however it
 * was approved; a failed e-mail gives its claim back to be tried again; nothing else is claimed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendApprovalNotices } from "../../../src/notify/approval-notices.ts";
import type { Mailer } from "../../../src/notify/mailer.ts";
import { OutboxMailer } from "../../../src/notify/outbox-mailer.ts";
import { createPledgeNotices } from "../../../src/notify/pledge-notices.ts";
import type { PledgeStatus } from "../../../src/storage/pledge-store.ts";
import { pledgeRow } from "../support/databases.ts";
import { readOutbox } from "../support/outbox.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

describe.each(storeTargets)("approval notices on $name", ({ open }) => {
  let target: StoreTarget;
  let outbox: string;
  beforeAll(async () => {
    target = await open();
    outbox = await mkdtemp(join(tmpdir(), "approval-notices-"));
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    await rm(outbox, { recursive: true, force: true });
  });
  // Each test starts with nobody waiting to be told.
  beforeEach(async () => {
    while ((await target.store.claimApprovalNotices(1000)).length > 0) {}
  });

  const notices = (mailer: Mailer = new OutboxMailer(outbox)) =>
    createPledgeNotices({
      mailer,
      siteUrl: "https://charter.example",
      secret: "s",
      councilInbox: "c@example.com",
      log: () => {},
    });

  async function pledgeThatIs(...statuses: PledgeStatus[]) {
    const row = pledgeRow();
    const outcome = await target.store.submit(row);
    if (outcome.outcome !== "created") throw new Error("not stored");
    const record = await target.store.show(outcome.reference);
    if (!record) throw new Error("not found");
    for (const status of statuses)
      await target.store.setStatus({ id: record.id, status, actor: "Ann Officer", reason: "test" });
    return { id: record.id, reference: outcome.reference, email: row.contact_email };
  }

  it("claims an approved pledge once, with what the e-mail needs and nothing else", async () => {
    const approved = await pledgeThatIs("approved");
    const claimed = await target.store.claimApprovalNotices(10);
    expect(claimed).toEqual([
      {
        id: approved.id,
        reference: approved.reference,
        name: expect.any(String),
        listing: "organisation-name",
        contact_name: "Private Person",
        contact_email: approved.email,
      },
    ]);
    expect(await target.store.claimApprovalNotices(10)).toEqual([]);
  });

  it("claims nothing pending, rejected or withdrawn", async () => {
    await pledgeThatIs();
    await pledgeThatIs("rejected");
    await pledgeThatIs("withdrawn");
    await pledgeThatIs("approved", "withdrawn");
    expect(await target.store.claimApprovalNotices(10)).toEqual([]);
  });

  it("claims at most the number asked for, oldest approval first", async () => {
    const first = await pledgeThatIs("approved");
    await pledgeThatIs("approved");
    expect((await target.store.claimApprovalNotices(1)).map((notice) => notice.id)).toEqual([first.id]);
    expect(await target.store.claimApprovalNotices(10)).toHaveLength(1);
  });

  it("e-mails each approved pledger once, however often the sender runs", async () => {
    const approved = await pledgeThatIs("approved");
    expect(await sendApprovalNotices(target.store, notices())).toEqual({ sent: 1, failed: 0 });
    expect(await sendApprovalNotices(target.store, notices())).toEqual({ sent: 0, failed: 0 });
    const told = (await readOutbox(outbox)).filter((mail) => mail.reference === `approved ${approved.reference}`);
    expect(told.map((mail) => mail.to)).toEqual([approved.email]);
  });

  it("gives a failed e-mail's claim back, so the next run tells the pledger", async () => {
    const approved = await pledgeThatIs("approved");
    const failing = notices({
      send: async () => {
        throw new Error("Notify answered 503");
      },
    });
    expect(await sendApprovalNotices(target.store, failing)).toEqual({ sent: 0, failed: 1 });
    expect(await sendApprovalNotices(target.store, notices())).toEqual({ sent: 1, failed: 0 });
    expect((await readOutbox(outbox)).some((mail) => mail.reference === `approved ${approved.reference}`)).toBe(true);
  });
});
