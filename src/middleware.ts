/**
 * The officers' console's door: a post must come from the console's own pages, every page under
 * /officer/ but sign-in needs a live session the database recognises, and every console answer
 * carries the console's headers. The database checks the session again on each call a page
 * makes, so a page that forgot to ask is still refused. Other pages pass straight through.
 */
import { defineMiddleware } from "astro:middleware";
import words from "../content/officer-console.json" with { type: "json" };
import { consoleDependencies } from "./officer-console/console-dependencies.ts";
import { withConsoleHeaders } from "./officer-console/console-headers.ts";
import { clearSessionCookie, sessionTokenOf } from "./officer-console/session-cookie.ts";
import { consolePaths, isConsolePath } from "./officers/console-paths.ts";
import { NotSignedInError } from "./storage/officer-store.ts";
import { StorageUnavailableError } from "./storage/pledge-store.ts";

const unavailable = () =>
  new Response(words.unavailable, {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" },
  });

// Astro's own origin check refuses a cross-site post only when its body is typed as a form's,
// and signing out reads no body: every console post must come from the console's own pages.
const fromAnotherSite = ({ request, url }: { request: Request; url: URL }) =>
  !["GET", "HEAD", "OPTIONS"].includes(request.method) && request.headers.get("origin") !== url.origin;

export const onRequest = defineMiddleware(async (context, next) => {
  if (!isConsolePath(context.url.pathname)) return next();
  // No console page sends this, so there are no words for a person to act on.
  if (fromAnotherSite(context)) return withConsoleHeaders(new Response(null, { status: 403 }));
  if (context.url.pathname.startsWith(consolePaths.signIn)) return withConsoleHeaders(await next());
  try {
    const token = sessionTokenOf(context.cookies);
    const officer = token ? await (await consoleDependencies().officers()).sessionOfficer(token) : undefined;
    if (!token || !officer) {
      clearSessionCookie(context.cookies);
      return withConsoleHeaders(context.redirect(`${consolePaths.signIn}?ended`, 303));
    }
    context.locals.officer = { ...officer, token };
    return withConsoleHeaders(await next());
  } catch (error) {
    // A session ended between the door and the page's own call.
    if (error instanceof NotSignedInError) {
      clearSessionCookie(context.cookies);
      return withConsoleHeaders(context.redirect(`${consolePaths.signIn}?ended`, 303));
    }
    if (error instanceof StorageUnavailableError) return withConsoleHeaders(unavailable());
    throw error;
  }
});
