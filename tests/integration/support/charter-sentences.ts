/** The charter source split into the sentences its page must carry word for word. */

export const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

// Text extraction of the council's PDF lost the drop-cap "O" of the opening word.
const restoreDropCap = (text: string) => text.replace(/^[ \t]*n 29 January 2020/m, "On 29 January 2020");

export function sentencesOf(source: string): string[] {
  return restoreDropCap(source)
    .split(/\n\s*\n|\n- /)
    .map((block) => normalise(block.replace(/^- /, "").replace(/^\*/, "")))
    .filter((block) => block.length > 0)
    .flatMap((block) => block.split(/(?<=[.?!:])\s+(?=[A-Z*])/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
