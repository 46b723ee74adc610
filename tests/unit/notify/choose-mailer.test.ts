import { describe, expect, it, vi } from "vitest";
import { readConfig } from "../../../src/config.ts";
import { openPledgeNotices } from "../../../src/notify/choose-mailer.ts";
import type { NewPledge } from "../../../src/storage/pledge-store.ts";

const configOf = (values: Record<string, string>) => readConfig((name) => values[name]);

describe("choosing how e-mail is sent", () => {
  it("sends through GOV.UK Notify when its key, template and the council's inbox are set", () => {
    expect(
      configOf({ NOTIFY_API_KEY: "key", NOTIFY_TEMPLATE_ID: "template", COUNCIL_INBOX: "council@example.com" }).mail,
    ).toEqual({
      mailer: { kind: "notify", apiKey: "key", templateId: "template" },
      councilInbox: "council@example.com",
    });
  });

  it("writes to the outbox folder without a Notify key", () => {
    expect(configOf({ OUTBOX_DIR: "/tmp/outbox" }).mail.mailer).toEqual({ kind: "outbox", dir: "/tmp/outbox" });
  });

  it("says which setting is missing when Notify is half configured", () => {
    expect(() => configOf({ NOTIFY_API_KEY: "key" }).mail).toThrow(/NOTIFY_TEMPLATE_ID/);
    expect(() => configOf({ NOTIFY_API_KEY: "key", NOTIFY_TEMPLATE_ID: "template" }).mail).toThrow(/COUNCIL_INBOX/);
  });

  it("lets pledges through when the e-mail settings are wrong, logging each e-mail as failed", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const notices = await openPledgeNotices(
        configOf({ NOTIFY_API_KEY: "key", NOTIFY_TEMPLATE_ID: "template" }),
        "s",
        "https://charter.example",
      );
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
