// @ts-check
import mdx from "@astrojs/mdx";
import netlifyAdapter from "@astrojs/netlify";
import sitemap from "@astrojs/sitemap";
import netlify from "@netlify/vite-plugin";
import { defineConfig, passthroughImageService } from "astro/config";
import { localSiteUrl, readConfig } from "./src/config.ts";
import { contentCheck } from "./src/integrations/content-check.ts";
import { devPagesWithoutBuiltCsp } from "./src/integrations/dev-pages-without-built-csp.ts";
import { embeddedDatabase } from "./src/integrations/embedded-database.ts";
import { functionsInProcess } from "./src/integrations/functions-in-process.ts";
import { securityHeadersFile } from "./src/integrations/security-headers.ts";
import { isConsolePath } from "./src/officers/console-paths.ts";

// Netlify sets URL to the site's primary address on every build; SITE_URL overrides it. A build
// with neither is a local one, for the dev server's address (src/config.ts holds the one rule).
const site = readConfig().siteUrl ?? localSiteUrl;

// `astro dev` renders the on-demand pages (/officer/) itself; the adapter's own dev emulation would
// start a second copy of Netlify's, with a database of its own, beside the one below.
const building = !process.argv.includes("dev");

export default defineConfig({
  site,
  ...(building
    ? {
        adapter: netlifyAdapter({
          imageCDN: false,
          devFeatures: false,
          // The adapter's function names its own included files, so netlify.toml's included_files
          // never reaches it: zod's CommonJS copies are left out here instead, for the same reason
          // (the console imports zod as an ES module) and 0.3 MB less zipped. npm run test:bundle
          // loads every module of the function on its own, so one that needs a left-out file fails.
          excludeFiles: ["node_modules/zod/**/*.cjs"],
        }),
      }
    : {}),
  // Officers' sessions are the console's own, in the database; Astro's would only bring the
  // adapter's default Netlify Blobs driver (unstorage, ofetch, node-fetch-native) into the
  // console's server function, 0.1 MB zipped that nothing calls.
  session: false,
  // The site has no raster images to transform: without this, sharp and its 19 MB of native
  // libraries would ride along in the console's server function.
  image: { service: passthroughImageService() },
  devToolbar: { enabled: false },
  // "always" would make the dev server answer /api/pledge with a 404 before the Netlify
  // Functions middleware sees it; built pages still live at /path/ (directory format).
  trailingSlash: "ignore",
  build: {
    format: "directory",
    // External stylesheets keep the Content-Security-Policy free of inline-style hashes.
    inlineStylesheets: "never",
  },
  integrations: [
    // First, so a mistake in content/ is reported before anything is built from it.
    contentCheck(),
    mdx(),
    // The pledge form opened with an action ticked is a variant of /pledge/, not a page of its own;
    // the officers' console is for signed-in officers and is never indexed.
    sitemap({
      filter: (page) =>
        !isConsolePath(new URL(page).pathname) &&
        !/\/(404|pledge\/confirmation|pledge\/confirm|pledge\/withdraw|pledge\/action\/[^/]+)\/$/.test(page),
    }),
    securityHeadersFile(),
    embeddedDatabase(),
  ],
  vite: {
    // The officers' overview says when the site it belongs to, wall included, was built: the
    // console's server function and the static wall come from the same build.
    define: { __SITE_BUILT_AT__: JSON.stringify(new Date().toISOString()) },
    // One command runs the site, its functions and the embedded database: the function routes
    // (/api/…) are answered in process first; Netlify's emulation serves the scheduled functions
    // and the platform's features. There are no edge functions to emulate.
    plugins: [
      functionsInProcess(),
      devPagesWithoutBuiltCsp(),
      netlify({
        edgeFunctions: { enabled: false },
        database: { enabled: false },
      }),
    ],
    css: { preprocessorOptions: { scss: { quietDeps: true } } },
    build: {
      // GOV.UK Frontend keeps an old-browser media query hack that Lightning CSS rejects.
      cssMinify: "esbuild",
      // The Content-Security-Policy runs only the site's own script files: a small script must
      // stay a file rather than be inlined into the page, where the browser would refuse it.
      assetsInlineLimit: (file) => (file.endsWith(".js") ? false : undefined),
    },
  },
});
