/**
 * The Supabase CLI, run through npx at a pinned version. It is not a devDependency because the
 * registry these machines use lacks some of its platform packages, which leaves a lock file that
 * `npm ci` refuses; npx installs only the one this machine needs.
 */
import { execFileSync } from "node:child_process";

export const supabaseCliPackage = "supabase@3.1.0";

export function supabase(args: string[], options: { capture?: boolean } = {}): string {
  return execFileSync("npx", ["--yes", supabaseCliPackage, ...args], {
    encoding: "utf8",
    stdio: options.capture ? ["ignore", "pipe", "ignore"] : "inherit",
  });
}
