/**
 * Combines the wall's filters in the browser. The form is hidden until this runs. Sending it
 * goes to the wall's own page for no filter or one (those pages are built ahead and need no
 * script), and to /signatories/?kind=…&area=… for two or more, where the list is filtered from
 * the open data JSON and drawn with the page's own item template. How many match is said in the
 * wall's polite live region. Every word comes from the page, a level's name from its option.
 */
import type { OpenDataRow } from "../wall/open-data.ts";

// The open data's own row type: a type-only import, so the script carries none of its code.
type Row = Pick<
  OpenDataRow,
  "id" | "name" | "kind" | "kind_name" | "ward" | "ward_name" | "actions" | "action_names" | "listed_at" | "level"
>;

const form = document.querySelector<HTMLFormElement>("form[data-wall-filters]");
// GOV.UK's display utility: the hidden attribute alone loses to a component's own display.
const hide = (element: Element | null, hidden = true) => element?.classList.toggle("govuk-!-display-none", hidden);

const chosenIn = (source: FormData | URLSearchParams, fields: HTMLSelectElement[]) =>
  fields.map((field) => [field.name, String(source.get(field.name) ?? "")] as const).filter(([, value]) => value);

function matcher(form: HTMLFormElement, name: string, value: string): (row: Row) => boolean {
  if (name === "kind") return (row) => row.kind === value;
  if (name === "area") return (row) => row.ward === value;
  if (name === "action") return (row) => row.actions.includes(value);
  if (name === "level") return (row) => row.level === value;
  const option = form.querySelector<HTMLOptionElement>(`select[name="benefit"] option[value="${CSS.escape(value)}"]`);
  const actions = (option?.dataset.actions ?? "").split(" ");
  return (row) => row.actions.some((action) => actions.includes(action));
}

const listedDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

const optionText = (form: HTMLFormElement, name: string, value: string) =>
  form.querySelector(`select[name="${name}"] option[value="${CSS.escape(value)}"]`)?.textContent?.trim() ?? value;

function itemFor(form: HTMLFormElement, template: HTMLTemplateElement, row: Row): Node {
  const item = template.content.cloneNode(true) as DocumentFragment;
  const field = (name: string) => item.querySelector<HTMLElement>(`[data-field="${name}"]`);
  const part = (name: string) => item.querySelector<HTMLElement>(`[data-part="${name}"]`);
  const link = field("name") as HTMLAnchorElement | null;
  if (link) {
    link.textContent = row.name;
    link.href = link.dataset.href?.replace("{id}", encodeURIComponent(row.id)) ?? "";
    link.removeAttribute("data-href");
  }
  for (const [name, text] of [
    ["kind", row.kind_name],
    ["area", row.ward_name ?? ""],
    ["listed", listedDate.format(new Date(row.listed_at))],
    ["actions", row.action_names.join("; ")],
    ["level", optionText(form, "level", row.level)],
  ] as const) {
    const target = field(name);
    if (target) target.textContent = text;
  }
  if (!row.ward_name) part("area")?.remove();
  if (row.actions.length === 0) part("actions")?.remove();
  return item;
}

async function showCombination(form: HTMLFormElement, chosen: (readonly [string, string])[]) {
  const status = document.getElementById("wall-status");
  const list = document.getElementById("signatory-list");
  const template = form.querySelector("template");
  if (!status || !list || !(template instanceof HTMLTemplateElement)) return;
  const words = form.dataset;
  hide(document.getElementById("wall-pagination"));
  status.textContent = words.loading ?? "";
  let rows: Row[];
  try {
    const response = await fetch(words.source ?? "", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    rows = ((await response.json()) as { signatories: Row[] }).signatories;
  } catch {
    status.textContent = words.failed ?? "";
    hide(document.getElementById("wall-pagination"), false);
    return;
  }
  const tests = chosen.map(([name, value]) => matcher(form, name, value));
  const found = rows.filter((row) => tests.every((test) => test(row)));
  if (words.sort === "alphabetical") {
    const byName = new Intl.Collator("en-GB", { sensitivity: "base" });
    found.sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
  }
  list.replaceChildren(...found.map((row) => itemFor(form, template, row)));
  status.textContent =
    found.length === 0
      ? (words.matchNone ?? "")
      : found.length === 1
        ? (words.matchOne ?? "")
        : (words.matchSome ?? "").replace("{count}", found.length.toLocaleString("en-GB"));
}

if (form) {
  const fields = [...form.querySelectorAll("select")];
  // Read from the attribute: form.action is the select named "action".
  const target = new URL(form.getAttribute("action") ?? "/signatories/", window.location.href).pathname;
  form.hidden = false;
  hide(document.querySelector("[data-single-filters]"));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = chosenIn(new FormData(form), fields);
    const [only] = chosen;
    window.location.assign(
      chosen.length === 0
        ? target
        : chosen.length === 1 && only
          ? `/signatories/${only[0]}/${encodeURIComponent(only[1])}/`
          : `${target}?${new URLSearchParams(chosen.map(([name, value]) => [name, value]))}`,
    );
  });

  const asked = chosenIn(new URLSearchParams(window.location.search), fields);
  if (asked.length > 0 && target === window.location.pathname) {
    for (const [name, value] of asked) {
      const select = fields.find((field) => field.name === name);
      if (select) select.value = value;
    }
    void showCombination(form, asked);
  }
}
