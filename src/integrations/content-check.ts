/**
 * Checks every file in content/ against its schema (src/content-files.ts) before the site is
 * built, checked or served, so a missing or misspelt word stops the build with the file and the
 * field named, instead of shipping a broken page or a broken e-mail.
 */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { contentProblems } from "../content-files.ts";

export function contentCheck(): AstroIntegration {
  return {
    name: "content-check",
    hooks: {
      "astro:config:setup": ({ config }) => {
        const problems = contentProblems(fileURLToPath(new URL("content/", config.root)));
        if (problems.length > 0) throw new Error(`content/ does not match its schemas:\n${problems.join("\n")}`);
      },
    },
  };
}
