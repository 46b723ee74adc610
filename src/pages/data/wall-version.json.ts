import { getEntry } from "astro:content";
import type { APIRoute } from "astro";

// The version of the data this build shows, which the scheduled rebuild check compares with
// the database's: see src/wall/wall-snapshot.ts for why it was read before the wall itself.
export const GET: APIRoute = async () => {
  const entry = await getEntry("wallVersion", "current");
  if (!entry) throw new Error("the wall's version was not read at build time");
  return new Response(`${JSON.stringify(entry.data, null, 2)}\n`, {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
};
