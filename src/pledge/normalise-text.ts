/**
 * Input is cleaned before it is checked: people paste from word processors and phones, and the
 * same name typed twice should compare equal.
 */

// Control characters, the invisible characters that hide or reorder text (bidirectional
// overrides and isolates, zero-width space, word joiner, byte-order mark), and what is not text at
// all: noncharacters (U+FFFE, U+FFFF, U+FDD0…), which break XML, and halves of surrogate pairs,
// which UTF-8 and the database cannot hold. Joiners that emoji and some scripts need (U+200C,
// U+200D) and the plain direction marks stay.
const invisible = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/gu;

/**
 * One line of text: nothing invisible, then NFC (so what the removal brings together is
 * composed), runs of white space folded to one space.
 */
export function normaliseLine(value: string): string {
  return value
    .replace(invisible, (character) => (/\s/.test(character) ? " " : ""))
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim();
}

/** Several lines of text: as a line, but keeping paragraph breaks (at most one blank line). */
export function normaliseParagraphs(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(invisible, (character) => (character === "\n" ? "\n" : /\s/.test(character) ? " " : ""))
    .normalize("NFC")
    .replace(/[^\S\n]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
