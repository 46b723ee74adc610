import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium: Playwright cannot download its own browser on these machines.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const devServer = "http://localhost:4321";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "built-site", testIgnore: /dev-server/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      name: "dev-server",
      testMatch: /dev-server/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: devServer },
    },
  ],
  // The built site is served by the tests themselves (tests/e2e/fixtures.ts), so they can count
  // what reached the database; `npm start` is checked as a person would run it.
  webServer: [
    {
      command: "npm start -- --port 4321",
      url: `${devServer}/`,
      reuseExistingServer: false,
      env: { PGLITE_DATA_DIR: "test-results/dev-db/pglite" },
      timeout: 120_000,
    },
  ],
});
