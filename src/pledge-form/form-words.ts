/** The words of the pledge journey, from content/pledge-form.json. */
import words from "../../content/pledge-form.json" with { type: "json" };

export const formWords = words;
export type FormWords = typeof words;
