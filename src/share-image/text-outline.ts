/**
 * Text drawn as glyph outlines, not as SVG <text>: an SVG renderer looks text up in the
 * machine's system fonts, and a fresh build machine may have none. The typeface ships in an
 * npm package (Atkinson Hyperlegible, SIL Open Font Licence), so every machine draws the same
 * image.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { create, type Font } from "fontkitten";

export type Weight = "regular" | "bold";

/** Fontsource splits the typeface by script; a character missing from Latin is looked up in Latin Extended. */
interface Face {
  latin: Font;
  latinExtended: Font;
}

const require = createRequire(import.meta.url);

function loadFont(subset: "latin" | "latin-ext", weight: number): Font {
  const file = require.resolve(
    `@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-${subset}-${weight}-normal.woff`,
  );
  const font = create(readFileSync(file));
  if ("fonts" in font) throw new Error(`expected one font, not a collection, in ${file}`);
  return font;
}

const loadFace = (weight: number): Face => ({
  latin: loadFont("latin", weight),
  latinExtended: loadFont("latin-ext", weight),
});

let faces: Record<Weight, Face> | undefined;
const face = (weight: Weight) => {
  faces ??= { regular: loadFace(400), bold: loadFace(700) };
  return faces[weight];
};

function glyphsOf(text: string, weight: Weight) {
  const { latin, latinExtended } = face(weight);
  return Array.from(text, (character) => {
    const codePoint = character.codePointAt(0) ?? 0;
    const font =
      latin.hasGlyphForCodePoint(codePoint) || !latinExtended.hasGlyphForCodePoint(codePoint) ? latin : latinExtended;
    return { font, glyph: font.glyphForCodePoint(codePoint) };
  });
}

export function textWidth(text: string, weight: Weight, size: number): number {
  return glyphsOf(text, weight).reduce(
    (width, { font, glyph }) => width + (glyph.advanceWidth * size) / font.unitsPerEm,
    0,
  );
}

/** Greedy line breaking at spaces; a single word wider than the line keeps a line of its own. */
export function wrapText(text: string, weight: Weight, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, weight, size) <= maxWidth)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The largest size, from `size` down to `minSize`, at which the text fits in `maxLines` lines:
 * the words come from content/ and may grow, and a cut-off headline says less than a smaller one.
 */
export function fitText(
  text: string,
  weight: Weight,
  box: { size: number; minSize: number; maxWidth: number; maxLines: number },
): { size: number; lines: string[] } {
  for (let size = box.size; size > box.minSize; size -= 2) {
    const lines = wrapText(text, weight, size, box.maxWidth);
    if (lines.length <= box.maxLines && lines.every((line) => textWidth(line, weight, size) <= box.maxWidth)) {
      return { size, lines };
    }
  }
  return { size: box.minSize, lines: wrapText(text, weight, box.minSize, box.maxWidth) };
}

/** One line of text as SVG paths, its left end on the baseline at (x, y). */
export function textOutline(text: string, weight: Weight, size: number, x: number, y: number, fill: string): string {
  let pen = x;
  const paths: string[] = [];
  for (const { font, glyph } of glyphsOf(text, weight)) {
    const scale = size / font.unitsPerEm;
    const d = glyph.path.toSVG();
    // Font units run upwards from the baseline; SVG's run downwards from the top.
    if (d)
      paths.push(
        `<path transform="translate(${round(pen)} ${round(y)}) scale(${round(scale)} ${round(-scale)})" d="${d}"/>`,
      );
    pen += glyph.advanceWidth * scale;
  }
  return `<g fill="${fill}">${paths.join("")}</g>`;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
