import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { renderPledgeForm } from "../../../src/pledge-form/render-pledge-form.ts";

const form = () => parse(renderPledgeForm().value);

describe("the pledge form's fields", () => {
  it("takes a website as typed, like www.example.org: no URL validation, capitals or spelling fixes", () => {
    const website = form().querySelector("#website");
    expect(website?.getAttribute("type")).toBe("text");
    expect(website?.getAttribute("autocomplete")).toBe("url");
    expect(website?.getAttribute("autocapitalize")).toBe("none");
    expect(website?.getAttribute("spellcheck")).toBe("false");
  });

  it("hides the spam trap from people even when the stylesheet does not load", () => {
    const trap = form().querySelector("#nickname")?.parentNode;
    expect(trap?.getAttribute("class")).toBe("site-honeypot");
    expect(trap?.hasAttribute("hidden")).toBe(true);
  });
});
