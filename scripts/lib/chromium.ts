/**
 * Debian's Chromium, as every browser tool here launches it: Playwright and Lighthouse cannot
 * download a browser of their own on these machines, and without these flags Chromium reaches
 * for the network at every start.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
