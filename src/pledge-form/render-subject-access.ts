/**
 * The subject access copy as a web page a person can keep: every section of what the database
 * holds, as plain tables with headings, with no style or script to fetch, so it reads the same
 * opened from a download folder years later. The JSON copy is the same data, untouched.
 */
import words from "../../content/pledge-manage.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import { html, type Markup } from "./html.ts";

const d = words.download;

function cellOf(value: unknown): Markup | string {
  if (value === null || value === undefined || value === "") return d.none;
  if (Array.isArray(value)) {
    if (value.length === 0) return d.none;
    if (value.every((item) => typeof item !== "object" || item === null)) return value.map(String).join(", ");
    return html`${value.map((item) => table(item))}`;
  }
  if (typeof value === "object") return table(value);
  return String(value);
}

function table(value: unknown): Markup {
  const entries = typeof value === "object" && value !== null ? Object.entries(value) : [];
  return html`<table>
${entries.map(([name, item]) => html`<tr><th scope="row">${name}</th><td>${cellOf(item)}</td></tr>`)}
</table>`;
}

const sectionTitle = (name: string) => (d.sections as Record<string, string>)[name] ?? name;

export function renderSubjectAccessPage(
  reference: string,
  data: Record<string, unknown>,
  { privacyLink }: { privacyLink: string },
): string {
  const pledge = (data.pledge ?? {}) as { created_at?: unknown };
  const made = typeof pledge.created_at === "string" ? pledge.created_at.slice(0, 10) : "";
  const title = fillTemplate(d.title, { reference });
  return html`<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<p>${fillTemplate(d.intro, { date: made })}</p>
${Object.entries(data).map(
  ([name, value]) => html`<h2>${sectionTitle(name)}</h2>
${cellOf(value)}`,
)}
<p>${fillTemplate(d.rightsText, { privacyLink })}</p>
</body>
</html>
`.value;
}
