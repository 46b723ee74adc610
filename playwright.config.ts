import { defineConfig, devices } from "@playwright/test";
import { chromiumFlags, chromiumPath } from "./scripts/lib/chromium.ts";
import { devServerData } from "./tests/e2e/npm-start-folders.ts";

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
      executablePath: chromiumPath,
      args: chromiumFlags,
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
      env: {
        PGLITE_DATA_DIR: `${devServerData}/pglite`,
        PLEDGE_QUEUE_DIR: `${devServerData}/queue`,
        OUTBOX_DIR: `${devServerData}/outbox`,
      },
      timeout: 120_000,
    },
  ],
});
