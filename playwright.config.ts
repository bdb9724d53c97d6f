import { defineConfig, devices } from "@playwright/test";
import { baseURL, dataDir, port } from "./e2e/settings";

// The suite runs against a production build (`next build`, done by `npm run test:e2e`) served by
// the real start script on its own embedded PostgreSQL with fresh demo data, in Debian's Chromium.
// Its own data directory (e2e/settings.ts), wiped at every run; E2E_DATA_DIR keeps parallel runs apart.

export default defineConfig({
  testDir: "./e2e",
  // Every spec makes the rows it changes (e2e/fixtures.ts), so specs and tests may run in any order
  // and side by side. E2E_WORKERS / E2E_FULLY_PARALLEL=1 spread them (measured in e2e/README.md).
  fullyParallel: process.env.E2E_FULLY_PARALLEL === "1",
  workers: Number(process.env.E2E_WORKERS ?? 1),
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Generous: eight people build and test on this 2-core machine at once (load 20+ seen), where a
  // page load can take seconds; each expectation still waits at most 15 s.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `rm -rf ${dataDir} && node --import tsx scripts/start.ts`,
    url: `${baseURL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      VOICE_PORTING_DATA_DIR: dataDir,
      DATABASE_URL: "",
      EMBEDDED_PG_PORT: "",
      ALLOW_INSECURE_CALLBACKS: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
