/**
 * Pages the pledge function answers with (the form again, "check your answers", a problem) are
 * the static /pledge/ page with its journey swapped: the site's layout stays defined once, by
 * Astro, and the function never has to know the names of hashed stylesheets.
 */
import { escapeHtml, type Markup } from "./html.ts";

export const journeyStart = "<!--pledge-journey-->";
export const journeyEnd = "<!--/pledge-journey-->";

export function fillShell(shell: string, { title, content }: { title: string; content: Markup }): string {
  const start = shell.indexOf(journeyStart);
  const end = shell.indexOf(journeyEnd);
  if (start < 0 || end < start) throw new Error("The /pledge/ page has no journey markers");
  const page = `${shell.slice(0, start + journeyStart.length)}${content.value}${shell.slice(end)}`;
  return page.replace(/<title>([\s\S]*?)<\/title>/, (_whole, current: string) => {
    const siteName = current.includes(" – ") ? current.slice(current.lastIndexOf(" – ")) : "";
    return `<title>${escapeHtml(title)}${siteName}</title>`;
  });
}

/** Used only when the static page cannot be fetched: plain, but every word still reaches the person. */
export function bareShell(): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Make a pledge</title></head><body><main id="main-content">${journeyStart}${journeyEnd}</main></body></html>`;
}
