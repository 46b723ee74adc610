/**
 * A tagged template that escapes everything it is given unless it is already markup. The pledge
 * form is rendered from the same code by the static page, the function and the browser, so
 * escaping has to be the default, not a habit.
 */

const markup = Symbol("markup");

export interface Markup {
  readonly [markup]: true;
  readonly value: string;
  toString(): string;
}

type Interpolation = Markup | string | number | false | null | undefined | readonly Interpolation[];

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

function asMarkup(value: string): Markup {
  return { [markup]: true, value, toString: () => value };
}

function render(value: Interpolation): string {
  if (value === false || value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (typeof value === "object" && markup in value) return (value as Markup).value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  return asMarkup(
    strings.reduce((out, text, index) => out + text + (index < values.length ? render(values[index]) : ""), ""),
  );
}

/** Markup from a trusted constant, never from input. */
export function trusted(value: string): Markup {
  return asMarkup(value);
}
