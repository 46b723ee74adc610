/**
 * What the build keeps of the commitments and check-ins the public may see, as content
 * collections beside the wall's: one schema per row of the database's public reads, so a row
 * the database hands out in another shape fails the build instead of reaching a page.
 */
import { z } from "zod";
import { Constants } from "../storage/database.types.ts";

export const commitmentStatuses = Constants.public.Enums.commitment_status;

const isoTime = z.iso.datetime({ offset: true });

/** A commitment of a signatory on the wall (public_commitments()). */
export const publicCommitmentSchema = z.object({
  id: z.uuid(),
  signatory_id: z.uuid(),
  /** null for the pledge's own words. */
  action_id: z.string().nullable(),
  status: z.enum(commitmentStatuses),
  status_since: isoTime,
  /** Only once an officer accepted it. */
  evidence_url: z.string().nullable(),
  note: z.string().nullable(),
  evidence_accepted_at: isoTime.nullable(),
});

/** When a signatory on the wall last checked in, as accepted (public_check_in_dates()). */
export const checkInDateSchema = z.object({
  signatory_id: z.uuid(),
  last_check_in_at: isoTime.nullable(),
});

/** A count of commitments with one status (public_impact()): never under 5. */
export const impactRowSchema = z.object({
  subject_kind: z.enum(["all", "benefit", "action"]),
  subject: z.string().nullable(),
  ward: z.string().nullable(),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .nullable(),
  status: z.enum(commitmentStatuses),
  commitments: z.number().int().min(5),
});

/**
 * A withdrawn pledge that had been listed by name (public_former_signatories()): its dates, and
 * its id only for its grey badge at the address it had while listed; no name.
 */
export const formerSignatorySchema = z.object({
  id: z.uuid(),
  listed_at: isoTime,
  withdrawn_at: isoTime,
});

export type PublicCommitmentRow = z.infer<typeof publicCommitmentSchema>;
export type CheckInDateRow = z.infer<typeof checkInDateSchema>;
export type ImpactCount = z.infer<typeof impactRowSchema>;
export type FormerSignatoryRow = z.infer<typeof formerSignatorySchema>;
