/**
 * The wall's version as the built site publishes it and the rebuild check reads it back: one
 * schema for both ends, so the file cannot drift from what reads it.
 */
import { z } from "zod";

export const wallVersionPath = "/data/wall-version.json";

export const wallVersionSchema = z.object({
  /** A digest of the public columns of every approved pledge (public_wall_version()). */
  version: z.string().min(1),
  /** How many pledges are approved; null under 5, as the progress page hides small numbers. */
  approved: z.number().int().nonnegative().nullable(),
  /** When the newest pledge on the wall was listed. */
  lastDecidedAt: z.string().nullable(),
});

export type WallVersion = z.infer<typeof wallVersionSchema>;
