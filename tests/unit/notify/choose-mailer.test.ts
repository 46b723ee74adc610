import { describe, expect, it, vi } from "vitest";
import { mailerChoiceFrom, openPledgeNotices } from "../../../src/notify/choose-mailer.ts";
import type { NewPledge } from "../../../src/storage/pledge-store.ts";

const envOf = (values: Record<string, string>) => (name: string) => values[name];

describe("choosing how e-mail is sent", () => {
  it("sends through GOV.UK Notify when its key and template are set", () => {
    expect(mailerChoiceFrom(envOf({ NOTIFY_API_KEY: "key", NOTIFY_TEMPLATE_ID: "template" }))).toEqual({
      kind: "notify",
      apiKey: "key",
      templateId: "template",
    });
  });

  it("writes to the outbox folder without a Notify key", () => {
    expect(mailerChoiceFrom(envOf({ OUTBOX_DIR: "/tmp/outbox" }))).toEqual({ kind: "outbox", dir: "/tmp/outbox" });
  });

  it("says which setting is missing when Notify is half configured", () => {
    expect(() => mailerChoiceFrom(envOf({ NOTIFY_API_KEY: "key" }))).toThrow(/NOTIFY_TEMPLATE_ID/);
  });

  it("lets pledges through when the e-mail settings are wrong, logging each e-mail as failed", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const notices = await openPledgeNotices(envOf({ NOTIFY_API_KEY: "key", NOTIFY_TEMPLATE_ID: "template" }), "s");
      const pledge = {
        name: "Fairlands Bakery",
        kind: "business",
        listing: "organisation-name",
        contact_name: "Sam",
        contact_email: "sam@example.com",
      } as NewPledge;
      await expect(notices.received(pledge, "SC-7K3M9QAB")).resolves.toBe(false);
      expect(errors.mock.calls.flat().join("\n")).toMatch(/COUNCIL_INBOX/);
      expect(info.mock.calls.flat().join("\n")).toMatch(/"outcome":"failed"/);
    } finally {
      errors.mockRestore();
      info.mockRestore();
    }
  });
});
