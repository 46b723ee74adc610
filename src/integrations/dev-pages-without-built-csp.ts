/**
 * `npm start` shows the site's pages as Vite serves them, with styles it puts inline and scripts
 * for live reload. Netlify's emulation applies dist/_headers, the built site's headers, once a
 * build has made it, and their Content-Security-Policy blocks exactly those, so the pages lost
 * every style after any `npm test` or `npm run build`. In development the pages go without it;
 * the policy is tested where it matters, on the built site. The function routes answer earlier,
 * with their own headers.
 */
import type { Plugin } from "vite";

export function devPagesWithoutBuiltCsp(): Plugin {
  return {
    name: "dev-pages-without-built-csp",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        const setHeader = res.setHeader.bind(res);
        res.setHeader = (name, value) =>
          name.toLowerCase() === "content-security-policy" ? res : setHeader(name, value);
        next();
      });
    },
  };
}
