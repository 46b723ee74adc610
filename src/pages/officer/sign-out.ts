/** Sign out: the database ends the session (and records it), then the cookie goes. */
import type { APIRoute } from "astro";
import { consoleDependencies } from "../../officer-console/console-dependencies.ts";
import { clearSessionCookie } from "../../officer-console/session-cookie.ts";
import { consolePaths } from "../../officers/console-paths.ts";

export const prerender = false;

export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  if (locals.officer) await (await consoleDependencies().officers()).signOut(locals.officer.token);
  clearSessionCookie(cookies);
  return redirect(`${consolePaths.signIn}?signed-out`, 303);
};
