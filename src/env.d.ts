/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The officer whose live session the request carries: set on every console page but sign-in. */
    officer?: { email: string; name: string; token: string };
  }
}

/** When this build began (astro.config.mjs); under `npm start`, when the dev server started. */
declare const __SITE_BUILT_AT__: string;
