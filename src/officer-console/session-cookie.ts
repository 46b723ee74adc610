/**
 * The officer's session cookie: HttpOnly (no script reads it), Secure with the __Host- prefix
 * (sent only over HTTPS, to this host, for every path; browsers treat localhost as secure), and
 * SameSite=Strict, so no other site's page or link carries it here. It lives as long as the
 * session the database gave it, 8 hours; the database's expiry is the one that counts.
 */
import type { AstroCookies } from "astro";

export const sessionCookieName = "__Host-officer-session";

const sessionHours = 8;

export function setSessionCookie(cookies: AstroCookies, token: string): void {
  cookies.set(sessionCookieName, token, {
    httpOnly: true,
    secure: true,
    sameSite: "strict",
    path: "/",
    maxAge: sessionHours * 3600,
  });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(sessionCookieName, { httpOnly: true, secure: true, sameSite: "strict", path: "/" });
}

export const sessionTokenOf = (cookies: AstroCookies): string | undefined => {
  const token = cookies.get(sessionCookieName)?.value;
  // A token is 64 hexadecimal characters; anything else is not worth asking the database about.
  return token && /^[0-9a-f]{64}$/.test(token) ? token : undefined;
};
