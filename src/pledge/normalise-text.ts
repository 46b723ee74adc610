/**
 * Input is cleaned before it is checked: people paste from word processors and phones, and the
 * same name typed twice should compare equal.
 */

// Control characters, and the invisible characters that hide or reorder text (bidirectional
// overrides and isolates, zero-width space, word joiner, byte-order mark). Joiners that emoji and
// some scripts need (U+200C, U+200D) and the plain direction marks stay.
const invisible = /[\p{Cc}\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/gu;

/** One line of text: NFC, runs of white space folded to one space, nothing invisible. */
export function normaliseLine(value: string): string {
  return value
    .normalize("NFC")
    .replace(invisible, (character) => (/\s/.test(character) ? " " : ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** Several lines of text: as a line, but keeping paragraph breaks (at most one blank line). */
export function normaliseParagraphs(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(invisible, (character) => (character === "\n" ? "\n" : /\s/.test(character) ? " " : ""))
    .replace(/[^\S\n]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
