/**
 * A pledger managing their own pledge with the link in their e-mail, free of HTTP: seeing it
 * whole, changing it, confirming a new address, downloading what the council holds, and asking
 * for the link again. The link's key is checked here before the database is asked anything;
 * opening the link changes nothing (mail scanners open links), every change is a POST. What each
 * status allows is the database's rule; what a change does (at once, or waiting for an officer
 * while the wall keeps the approved version) is the database's answer.
 */
import words from "../../content/pledge-manage.json" with { type: "json" };
import { StorageRefusalError } from "../storage/pledge-store.ts";
import type { ChangeOutcome, PledgerStore, PledgerView, PublicFields } from "../storage/pledger-store.ts";
import { checkInEndpoint } from "./check-in-key.ts";
import { confirmationKey, confirmEndpoint } from "./confirmation-key.ts";
import { normalisedReference } from "./confirmation-service.ts";
import { linkKey } from "./link-key.ts";
import { isManageKey, manageEndpoint } from "./manage-key.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";
import { isEmail } from "./pledge-rules.ts";
import { type FieldErrors, fieldErrorsOf, makePledgeSchema, type PledgeFieldName, ukToday } from "./pledge-schema.ts";
import { fieldOfColumn, type PledgeValues, publicFieldsOf } from "./pledge-service.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { formValuesOf } from "./stored-answers.ts";
import { withdrawalEndpoint, withdrawalKey } from "./withdrawal-key.ts";

export interface ManageServiceDeps {
  store: () => Promise<{ readonly pledgers: PledgerStore }>;
  notices?: Pick<PledgeNotices, "manageLink" | "addressCode" | "addressChanged" | "changeWaiting">;
  secret: string;
  /** Per network: codes for a new address typed. */
  codeLimiter: RateLimiter;
  /** Per network: links asked for again. */
  linkLimiter: RateLimiter;
  now?: () => number;
  log?: (event: { outcome: string; reference?: string }) => void;
}

/** Only a pending or approved pledge may change; the database holds the same rule. */
export const changeableStatuses = ["pending", "approved"] as const;

export type ManageOutcome =
  /** Not a link we sent, or to no pledge: the same answer, so a link reveals nothing. */
  | { kind: "invalid-link" }
  | { kind: "pledge"; view: PledgerView; key: string }
  | { kind: "invalid"; view: PledgerView; key: string; errors: FieldErrors; values: PledgeValues }
  | { kind: "not-changeable"; view: PledgerView; key: string }
  | {
      kind: "changed";
      reference: string;
      key: string;
      change: ChangeOutcome;
      contactName: boolean;
      address: "sent" | "not-sent" | undefined;
    };

export type AddressOutcome =
  | { kind: "invalid"; problem: "reference" | "code" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "confirmed" | "refused"; reference: string };

export type LinkRequestOutcome =
  | { kind: "invalid"; errors: Partial<Record<"ref" | "email", true>> }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "sent"; reference: string };

const referencePattern = /^SC-[0-9A-HJKMNP-TV-Z]{8}$/;
const codePattern = /^[2-9A-Z]{6}$/;
const normalisedCode = (typed: string) => typed.replace(/\s+/g, "").toUpperCase();

/** The answers the change form starts from: the pledge as stored, with any change still waiting. */
export function changeFormValues(view: PledgerView): PledgeValues {
  const waiting = view.waiting?.proposed ?? {};
  return formValuesOf({ ...view.record, ...waiting, contact_email: view.waitingEmail ?? view.record.contact_email });
}

const mayChange = (view: PledgerView) =>
  (changeableStatuses as readonly string[]).includes(view.record.status) && view.record.name !== null;

export function createManageService(deps: ManageServiceDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  let schemaOfTheDay: { day: string; schema: ReturnType<typeof makePledgeSchema> } | undefined;
  const schema = () => {
    const day = ukToday(new Date(now()));
    if (schemaOfTheDay?.day !== day) schemaOfTheDay = { day, schema: makePledgeSchema(() => day) };
    return schemaOfTheDay.schema;
  };
  const pledgers = async () => (await deps.store()).pledgers;

  /** The pledge a link names, or undefined when the link is not one we sent. */
  async function viewFor(reference: string, key: unknown): Promise<PledgerView | undefined> {
    const named = normalisedReference(reference);
    if (!referencePattern.test(named) || !isManageKey(deps.secret, named, key)) return undefined;
    return (await pledgers()).view(named);
  }

  async function change(view: PledgerView, key: string, values: PledgeValues): Promise<ManageOutcome> {
    const { record } = view;
    // The privacy notice was acknowledged when the pledge was made; the rest is checked as then.
    const parsed = schema().safeParse({ ...values, privacy: "yes" });
    if (!parsed.success) return { kind: "invalid", view, key, errors: fieldErrorsOf(parsed.error), values };
    const pledge = parsed.data;
    const fields: PublicFields = publicFieldsOf(pledge);
    const store = await pledgers();
    const newAddress = pledge.email.toLowerCase() !== (record.contact_email ?? "").toLowerCase();
    let outcome: ChangeOutcome;
    try {
      outcome = await store.requestChange(record.reference, { fields, contactName: pledge.contactName });
      if (outcome === "refused") return { kind: "not-changeable", view, key };
    } catch (error) {
      if (!(error instanceof StorageRefusalError)) throw error;
      return { kind: "invalid", view, key, errors: refusalErrors(error), values };
    }
    if (outcome === "waiting") await deps.notices?.changeWaiting(record.reference);
    let address: "sent" | "not-sent" | undefined;
    if (newAddress) {
      const issued = await store.requestAddressChange(record.reference, pledge.email);
      if (issued) await deps.notices?.addressCode(issued);
      address = issued ? "sent" : "not-sent";
    }
    log({ outcome: `changed-${outcome}${address ? `-address-${address}` : ""}`, reference: record.reference });
    return {
      kind: "changed",
      reference: record.reference,
      key,
      change: outcome,
      contactName: pledge.contactName !== record.contact_name,
      address,
    };
  }

  /** A path on this site with the reference and the key for it. */
  const signed = (path: string, reference: string, key: string, extra: Record<string, string> = {}) =>
    `${path}?${new URLSearchParams({ ref: reference, key, ...extra })}`;

  return {
    /** Where the pledge's page links to: its own views and downloads, and the other links we e-mail. */
    hrefs(reference: string, key: string) {
      return {
        self: signed(manageEndpoint, reference, key),
        change: signed(manageEndpoint, reference, key, { view: "change" }),
        downloadHtml: signed(manageEndpoint, reference, key, { download: "html" }),
        downloadJson: signed(manageEndpoint, reference, key, { download: "json" }),
        withdraw: signed(withdrawalEndpoint, reference, withdrawalKey(deps.secret, reference)),
        confirm: signed(confirmEndpoint, reference, confirmationKey(deps.secret, reference)),
        checkIn: signed(checkInEndpoint, reference, linkKey(deps.secret, "check-in", reference)),
      };
    },

    /** Opening the link: the pledge whole, changing nothing. */
    async open(reference: string, key: unknown): Promise<ManageOutcome> {
      const view = await viewFor(reference, key);
      if (!view) {
        log({ outcome: "invalid-link" });
        return { kind: "invalid-link" };
      }
      return { kind: "pledge", view, key: String(key) };
    },

    /** The change form sent: checked by the pledge's schema, then stored as the database decides. */
    async change(reference: string, key: unknown, values: PledgeValues): Promise<ManageOutcome> {
      const view = await viewFor(reference, key);
      if (!view) return { kind: "invalid-link" };
      if (!mayChange(view)) return { kind: "not-changeable", view, key: String(key) };
      return change(view, String(key), values);
    },

    /** The code e-mailed to a new address, from the link's button or typed on the pledge's page. */
    async confirmAddress(reference: string, code: string, network: string): Promise<AddressOutcome> {
      const named = normalisedReference(reference);
      if (!referencePattern.test(named)) return { kind: "invalid", problem: "reference" };
      if (!codePattern.test(normalisedCode(code))) return { kind: "invalid", problem: "code" };
      const decision = deps.codeLimiter.take(network, now());
      if (!decision.allowed) return { kind: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
      const answer = await (await pledgers()).confirmAddressChange(named, normalisedCode(code));
      log({ outcome: `address-${answer.outcome}`, reference: named });
      if (answer.outcome === "confirmed" && answer.previous_email) {
        await deps.notices?.addressChanged(named, answer.previous_email);
      }
      return { kind: answer.outcome, reference: named };
    },

    /** Everything held about the pledge, for its author: undefined when the link is not one we sent. */
    async download(reference: string, key: unknown) {
      const named = normalisedReference(reference);
      if (!referencePattern.test(named) || !isManageKey(deps.secret, named, key)) return undefined;
      const data = await (await pledgers()).subjectAccess(named);
      log({ outcome: data ? "downloaded" : "invalid-link", reference: named });
      return data;
    },

    /** Sends the link when the reference and address match; answers "sent" either way. */
    async sendLink(reference: string, email: string, network: string): Promise<LinkRequestOutcome> {
      const named = normalisedReference(reference);
      const address = email.trim();
      const errors = {
        ...(referencePattern.test(named) ? {} : { ref: true as const }),
        ...(isEmail(address) ? {} : { email: true as const }),
      };
      if (Object.keys(errors).length > 0) return { kind: "invalid", errors };
      const decision = deps.linkLimiter.take(network, now());
      if (!decision.allowed) return { kind: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
      const found = await (await pledgers()).requestManageLink(named, address);
      if (found) await deps.notices?.manageLink(found.reference, found.contact_email);
      log({ outcome: found ? "link-sent" : "link-not-sent", reference: named });
      return { kind: "sent", reference: named };
    },
  };
}

/** The database's refusal, on the answer to change: a duplicate name from the same address, or the column's own. */
function refusalErrors(error: StorageRefusalError): FieldErrors {
  const cause = error.cause as { code?: unknown } | undefined;
  if (cause?.code === "23505") return { name: words.problems.duplicate };
  const field: PledgeFieldName = (error.column && fieldOfColumn[error.column as keyof typeof fieldOfColumn]) || "name";
  return { [field]: words.problems.refused };
}

export type ManageService = ReturnType<typeof createManageService>;
