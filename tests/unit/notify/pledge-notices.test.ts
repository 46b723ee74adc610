import { describe, expect, it } from "vitest";
import type { Email } from "../../../src/notify/mailer.ts";
import { createPledgeNotices, fillTemplate, type PledgeNotices } from "../../../src/notify/pledge-notices.ts";
import { isCheckInKey } from "../../../src/pledge/check-in-key.ts";
import { isManageKey } from "../../../src/pledge/manage-key.ts";
import { isWithdrawalKey } from "../../../src/pledge/withdrawal-key.ts";
import type { NewPledge, PledgeRecord } from "../../../src/storage/pledge-store.ts";
import { pledgeRecord, pledgeRow } from "../../fixtures/pledge-records.ts";

const secret = "notices-secret";

function noticesSendingTo(sent: Email[], failWith?: Error) {
  const logged: Record<string, unknown>[] = [];
  const notices = createPledgeNotices({
    mailer: {
      send: async (email) => {
        if (failWith) throw failWith;
        sent.push(email);
      },
    },
    siteUrl: "https://charter.example",
    secret,
    councilInbox: "council@example.com",
    log: (entry) => logged.push(entry),
  });
  return { notices, logged };
}

// Fixed contact details: the tests look for them in what is sent, and in what is not.
const pledge = (overrides: Partial<NewPledge> = {}): NewPledge =>
  pledgeRow({
    kind: "social-enterprise",
    contact_name: "Sam Baker",
    contact_email: "sam@example.com",
    ...overrides,
  });

const record = (overrides: Partial<PledgeRecord> = {}) =>
  pledgeRecord({ id: "0b6f7c1e-3f51-4c2b-9a59-8a3c1d2e4f50", status: "approved", ...overrides });

const linkIn = (body: string) => {
  const match = body.match(/https:\/\/charter\.example\/api\/withdraw\?\S+/);
  if (!match) throw new Error("no withdrawal link in the e-mail");
  return new URL(match[0]);
};

describe("pledge e-mails", () => {
  it("tells the council of a new pledge and sends the pledger a receipt with a working withdrawal link", async () => {
    const sent: Email[] = [];
    await noticesSendingTo(sent).notices.received(pledge(), "SC-7K3M9QAB");
    const [council, receipt] = sent;
    expect(council).toMatchObject({ to: "council@example.com", reference: "council-new-pledge SC-7K3M9QAB" });
    expect(council?.body).toContain("Kind: Social enterprise or co-operative");
    expect(council?.body).toContain("How they want to be shown: Yes, show the name I gave");
    expect(council?.body).not.toContain("sam@example.com");
    expect(receipt).toMatchObject({ to: "sam@example.com", reference: "receipt SC-7K3M9QAB" });
    expect(receipt?.subject).toContain("SC-7K3M9QAB");
    expect(receipt?.body).toContain("Your reference is SC-7K3M9QAB.");
    const link = linkIn(receipt?.body ?? "");
    expect(link.searchParams.get("ref")).toBe("SC-7K3M9QAB");
    expect(isWithdrawalKey(secret, "SC-7K3M9QAB", link.searchParams.get("key"))).toBe(true);
  });

  it("links an approved pledger listed by name to their entry on the wall", async () => {
    const sent: Email[] = [];
    await noticesSendingTo(sent).notices.approved(record());
    expect(sent[0]?.body).toContain("https://charter.example/signatory/0b6f7c1e-3f51-4c2b-9a59-8a3c1d2e4f50/");
  });

  it("sends a pledger counted only to the progress page instead of an entry that does not exist", async () => {
    const sent: Email[] = [];
    await noticesSendingTo(sent).notices.approved(record({ listing: "count-only" }));
    expect(sent[0]?.body).toContain("https://charter.example/progress/");
    expect(sent[0]?.body).not.toContain("/signatory/");
  });

  it("tells the owner of an address used again, without saying anything new to the sender", async () => {
    const sent: Email[] = [];
    await noticesSendingTo(sent).notices.duplicate(pledge());
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: "sam@example.com", reference: "duplicate -" });
    expect(sent[0]?.body).toContain("We already have a pledge with the same name from this address");
  });

  it("confirms a withdrawal to the pledger", async () => {
    const sent: Email[] = [];
    await noticesSendingTo(sent).notices.withdrawn(record({ status: "withdrawn" }));
    expect(sent[0]).toMatchObject({ to: "sam@example.com", reference: "withdrawn SC-7K3M9QAB" });
    expect(sent[0]?.body).toContain("Your pledge SC-7K3M9QAB has been withdrawn");
  });

  describe("a lure typed into the form", () => {
    const lure = {
      name: "URGENT: verify your council tax refund at https://evil.example/refund",
      contact_name: "https://evil.example",
      website: "https://evil.example/website",
      commitment: "URGENT: call 0800 000 000 to claim your refund",
    };
    const typedWords = ["evil.example", "URGENT", "verify your council tax", "refund", "0800"];

    const pledgerEmails: [string, (notices: PledgeNotices) => Promise<unknown>][] = [
      ["the receipt", (notices) => notices.received(pledge(lure), "SC-7K3M9QAB")],
      ["the notice to the owner of an address used again", (notices) => notices.duplicate(pledge(lure))],
      ["the approval of a pledge listed by name", (notices) => notices.approved(record(lure))],
      [
        "the approval of a pledge counted only",
        (notices) => notices.approved(record({ ...lure, listing: "count-only" })),
      ],
      ["the withdrawal", (notices) => notices.withdrawn(record({ ...lure, status: "withdrawn" }))],
      [
        "the link to manage the pledge, asked for again",
        (notices) => notices.manageLink("SC-7K3M9QAB", "sam@example.com"),
      ],
      [
        "the code to a new address",
        (notices) => notices.addressCode({ reference: "SC-7K3M9QAB", new_email: "sam@example.com", code: "4KXM7P" }),
      ],
      ["the notice that the address changed", (notices) => notices.addressChanged("SC-7K3M9QAB", "sam@example.com")],
      ["the approval of a change", (notices) => notices.changeDecided(record(lure), "approved")],
      ["the refusal of a change", (notices) => notices.changeDecided(record(lure), "rejected")],
      [
        "the check-in due",
        (notices) =>
          notices.checkInDue({ reference: "SC-7K3M9QAB", contact_email: "sam@example.com", occasion: "6-months" }),
      ],
    ];

    it.each(pledgerEmails)("never reaches the pledger's address in %s", async (_kind, cause) => {
      const sent: Email[] = [];
      await cause(noticesSendingTo(sent).notices);
      const toPledger = sent.filter((email) => email.to === "sam@example.com");
      expect(toPledger).toHaveLength(1);
      for (const email of toPledger) {
        for (const words of typedWords) {
          expect(email.subject).not.toContain(words);
          expect(email.body).not.toContain(words);
        }
      }
    });

    it("still reaches the council's inbox whole, so an officer sees what was sent", async () => {
      const sent: Email[] = [];
      await noticesSendingTo(sent).notices.received(pledge(lure), "SC-7K3M9QAB");
      const council = sent.find((email) => email.to === "council@example.com");
      expect(council?.body).toContain(lure.name);
    });
  });

  it("carries a working link to manage the pledge in every e-mail to a pledger about their pledge", async () => {
    const sent: Email[] = [];
    const { notices } = noticesSendingTo(sent);
    await notices.received(pledge(), "SC-7K3M9QAB");
    await notices.confirmationCode(
      { reference: "SC-7K3M9QAB", contact_email: "sam@example.com", code: "4KXM7P" },
      "first",
    );
    await notices.confirmationCode(
      { reference: "SC-7K3M9QAB", contact_email: "sam@example.com", code: "4KXM7P" },
      "reminder",
    );
    await notices.approved(record());
    await notices.withdrawn(record({ status: "withdrawn" }));
    await notices.manageLink("SC-7K3M9QAB", "sam@example.com");
    await notices.changeDecided(record(), "approved");
    await notices.changeDecided(record(), "rejected");
    await notices.checkInDue({ reference: "SC-7K3M9QAB", contact_email: "sam@example.com", occasion: "12-months" });
    const toPledger = sent.filter((email) => email.to === "sam@example.com");
    expect(toPledger.map((email) => email.reference.split(" ")[0])).toEqual([
      "receipt",
      "confirm-first",
      "confirm-reminder",
      "approved",
      "withdrawn",
      "manage-link",
      "change-approved",
      "change-rejected",
      "check-in-due",
    ]);
    for (const email of toPledger) {
      const link = email.body.match(/https:\/\/charter\.example\/api\/manage\?\S+/)?.[0];
      expect(link, email.reference).toBeDefined();
      const url = new URL(link ?? "");
      expect(url.searchParams.get("ref")).toBe("SC-7K3M9QAB");
      expect(isManageKey(secret, "SC-7K3M9QAB", url.searchParams.get("key"))).toBe(true);
    }
  });

  it("sends a check-in due to the pledge's address with a check-in link that only a check-in accepts", async () => {
    const sent: Email[] = [];
    await noticesSendingTo(sent).notices.checkInDue({
      reference: "SC-7K3M9QAB",
      contact_email: "sam@example.com",
      occasion: "target-date",
    });
    const [mail] = sent;
    expect(mail).toMatchObject({ to: "sam@example.com", reference: "check-in-due SC-7K3M9QAB" });
    expect(mail?.subject).toContain("SC-7K3M9QAB");
    const links = mail?.body.match(/https:\/\/charter\.example\/\S+/g) ?? [];
    expect(links.map((link) => new URL(link).pathname)).toEqual(["/api/check-in", "/api/manage"]);
    const checkIn = new URL(links[0] ?? "");
    expect(checkIn.searchParams.get("ref")).toBe("SC-7K3M9QAB");
    const key = checkIn.searchParams.get("key");
    expect(isCheckInKey(secret, "SC-7K3M9QAB", key)).toBe(true);
    // Signed for its purpose: the key opens no other link, and no other link's key opens it.
    expect(isManageKey(secret, "SC-7K3M9QAB", key)).toBe(false);
    expect(isWithdrawalKey(secret, "SC-7K3M9QAB", key)).toBe(false);
    expect(isCheckInKey(secret, "SC-7K3M9QAB", new URL(links[1] ?? "").searchParams.get("key"))).toBe(false);
  });

  it("logs a check-in e-mail that fails by its reference, without the address", async () => {
    const { notices, logged } = noticesSendingTo([], new Error("Notify answered 500"));
    await expect(
      notices.checkInDue({ reference: "SC-7K3M9QAB", contact_email: "sam@example.com", occasion: "yearly" }),
    ).resolves.toBe(false);
    expect(logged).toEqual([
      { event: "email", reference: "check-in-due SC-7K3M9QAB", outcome: "failed", reason: "Notify answered 500" },
    ]);
  });

  it("sends a new address its code and a link with it, and tells the old address without naming the new", async () => {
    const sent: Email[] = [];
    const { notices } = noticesSendingTo(sent);
    await notices.addressCode({ reference: "SC-7K3M9QAB", new_email: "new@example.com", code: "4KXM7P" });
    await notices.addressChanged("SC-7K3M9QAB", "old@example.com");
    await notices.changeWaiting("SC-7K3M9QAB");
    const [code, changed, council] = sent;
    expect(code).toMatchObject({ to: "new@example.com", reference: "address-code SC-7K3M9QAB" });
    expect(code?.body).toMatch(/^4KXM7P$/m);
    expect(code?.body).toContain("https://charter.example/api/manage?ref=SC-7K3M9QAB&address-code=4KXM7P");
    expect(changed).toMatchObject({ to: "old@example.com", reference: "address-changed SC-7K3M9QAB" });
    expect(changed?.body).not.toContain("new@example.com");
    expect(council).toMatchObject({ to: "council@example.com", reference: "council-change-waiting SC-7K3M9QAB" });
    expect(council?.body).toContain("https://charter.example/officer/pledges/SC-7K3M9QAB/");
  });

  it("sends nothing to a pledge whose contact details were erased", async () => {
    const sent: Email[] = [];
    await noticesSendingTo(sent).notices.withdrawn(record({ contact_email: null, contact_name: null }));
    expect(sent).toEqual([]);
  });

  it("logs a failed send by reference only, and answers false instead of throwing", async () => {
    const { notices, logged } = noticesSendingTo([], new Error("Notify answered 429 (RateLimitError)"));
    await expect(notices.received(pledge(), "SC-7K3M9QAB")).resolves.toBe(false);
    expect(logged).toContainEqual({
      event: "email",
      reference: "receipt SC-7K3M9QAB",
      outcome: "failed",
      reason: "Notify answered 429 (RateLimitError)",
    });
    expect(JSON.stringify(logged)).not.toContain("sam@example.com");
  });

  it("logs an e-mail it cannot even write as failed, rather than throwing at the pledge", async () => {
    const sent: Email[] = [];
    const { notices, logged } = noticesSendingTo(sent);
    await expect(notices.received(pledge({ kind: undefined as unknown as string }), "SC-7K3M9QAB")).resolves.toBe(
      false,
    );
    expect(logged).toContainEqual(
      expect.objectContaining({ outcome: "failed", reason: expect.stringMatching(/\{kind\}/) }),
    );
  });

  it("refuses a placeholder the e-mail does not have, so a typo in content/ cannot go out", () => {
    expect(() => fillTemplate("Dear {contactNmae}", { contactName: "Sam" })).toThrow(/\{contactNmae\}/);
  });
});
