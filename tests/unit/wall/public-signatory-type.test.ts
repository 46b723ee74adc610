/**
 * The wall's content schema for a signatory and the public view's generated row type describe
 * the same thing: astro check fails here when a migration changes the view and the schema does
 * not follow, or the other way round.
 */
import { expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { publicSignatorySchema } from "../../../src/content-schemas.ts";
import type { PublicSignatory } from "../../../src/storage/public-wall-reader.ts";

it("describes a signatory with exactly the public view's columns and types", () => {
  type Schema = z.infer<typeof publicSignatorySchema>;
  expectTypeOf<Schema>().toEqualTypeOf<{ [Column in keyof PublicSignatory]: PublicSignatory[Column] }>();
});
