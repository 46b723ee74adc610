/** A problem that is not about one field, in the words of content/pledge-form.json. */
import { formWords as words } from "./form-words.ts";
import { problemSummary } from "./govuk-fields.ts";
import type { Markup } from "./html.ts";

export function renderProblem(message: string): Markup {
  return problemSummary(words.errorSummaryTitle, message);
}
