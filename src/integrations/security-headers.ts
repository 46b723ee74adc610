/** Writes dist/_headers from src/security-headers.ts when the site is built. */
import { writeFile } from "node:fs/promises";
import type { AstroIntegration } from "astro";
import { netlifyHeadersFile } from "../security-headers.ts";

export function securityHeadersFile(): AstroIntegration {
  return {
    name: "security-headers-file",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        await writeFile(new URL("_headers", dir), netlifyHeadersFile());
        logger.info("wrote _headers");
      },
    },
  };
}
