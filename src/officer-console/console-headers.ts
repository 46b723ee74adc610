/**
 * The console's pages are rendered for one signed-in officer: the site's strict headers, and
 * never kept by a browser or a proxy, nor indexed.
 */
import { securityHeaders } from "../security-headers.ts";

export const consoleHeaders: Record<string, string> = {
  ...securityHeaders,
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

export function withConsoleHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(consoleHeaders)) response.headers.set(name, value);
  return response;
}
