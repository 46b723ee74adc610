import { type HTMLElement, type Node, parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { type FieldErrors, pledgeFieldNames } from "../../../src/pledge/pledge-rules.ts";
import { formWords } from "../../../src/pledge-form/form-words.ts";
import { renderPledgeForm } from "../../../src/pledge-form/render-pledge-form.ts";
import { type MarkableElement, showFieldErrors } from "../../../src/pledge-form/show-field-errors.ts";
import { validValues } from "../../fixtures/pledge-values.ts";

/** Elements, their attributes (class as a set) and text, without the white space between tags. */
function shape(node: Node): unknown {
  if (node.nodeType === 3) return node.rawText.trim() || undefined;
  const element = node as HTMLElement;
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => [name, name === "class" ? value.split(/\s+/).filter(Boolean).sort().join(" ") : value])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return { tag: element.rawTagName, attributes, children: element.childNodes.map(shape).filter(Boolean) };
}

const drawn = (values: Record<string, unknown>, errors: FieldErrors = {}) =>
  shape(parse(`<div>${renderPledgeForm({ values, errors }).value}</div>`).firstChild as Node);

function marked(values: Record<string, unknown>, ...checks: FieldErrors[]) {
  const journey = parse(`<div>${renderPledgeForm({ values }).value}</div>`);
  const root = journey.firstChild as HTMLElement;
  const form = root.querySelector("form");
  if (!form) throw new Error("the form renderer drew no form");
  for (const errors of checks) {
    showFieldErrors(root as unknown as MarkableElement, form as unknown as MarkableElement, errors, formWords);
  }
  return shape(root);
}

const every: FieldErrors = Object.fromEntries(pledgeFieldNames.map((field) => [field, `Fix the ${field} answer`]));

describe("errors shown by the browser's check", () => {
  const values = validValues({ website: "www.example.org/?a=1&b=<2>", actions: ["cooperatives"] });

  it.each(pledgeFieldNames)("mark the %s field as the form's renderer draws its error", (field) => {
    const errors = { [field]: `There is a problem with ${field} <b>here</b>` };
    expect(marked(values, errors)).toEqual(drawn(values, errors));
  });

  it("mark every field at once, with the summary in form order", () => {
    expect(marked({}, every)).toEqual(drawn({}, every));
  });

  it("take away the errors of an earlier check that the answers now pass", () => {
    const later = { email: "Enter an email address" };
    expect(marked(values, every, later)).toEqual(drawn(values, later));
    expect(marked(values, every, {})).toEqual(drawn(values));
  });
});
