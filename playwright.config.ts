import { defineConfig, devices } from "@playwright/test";

// The suite runs against a production build (`next build`, done by `npm run test:e2e`) served by
// the real start script on its own embedded PostgreSQL with fresh demo data, in Debian's Chromium.
const port = Number(process.env.E2E_PORT ?? 3100);
// Its own data directory, wiped at every run; E2E_DATA_DIR keeps parallel runs apart.
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
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
