/**
 * Fills the {placeholders} of a sentence from content/. Shared by the e-mails and the pages that
 * show a reference or a name, so neither layer imports the other for it.
 */

/** A placeholder without a value is a mistake in the content file named by `source`. */
export function fillTemplate(text: string, values: Record<string, string>, source = "content/"): string {
  return text.replace(/\{(\w+)\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${source} uses {${key}}, which this message does not have`);
    return value;
  });
}

/** The placeholders a sentence asks for, in order of first use. */
export const placeholdersIn = (text: string): string[] => [
  ...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (match) => match[1] as string)),
];
