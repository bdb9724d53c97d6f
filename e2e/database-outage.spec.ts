import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { auth, expect, test } from "./fixtures";
import { dataDir } from "./settings";
import { signIn } from "./support";

// The database becomes unreachable while someone is signed in (issue 11): the embedded
// PostgreSQL's postmaster is frozen (SIGSTOP: connections are accepted by the kernel but never
// answered, as with a hung or partitioned database server) and the app's connections are ended.
// Pages show the calm "having trouble" page and come back by themselves once the database
// answers again; the API answers 503 with Retry-After meanwhile, never 500.

function postmasterPid(): number {
  const pidFile = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8");
  return Number(pidFile.split("\n")[0]);
}

test("while the database is unreachable, a page says so and retries by itself, and the API answers 503", async ({ page, request, tenant, orm }) => {
  test.setTimeout(240_000);
  const acme = await tenant("NL");
  await signIn(page, acme.admin.email);
  await expect(page).toHaveURL(/\/porting-requests/);
  await page.goto("/company-profiles");
  await expect(page.getByRole("heading", { name: "Company profiles" })).toBeVisible();

  const postmaster = postmasterPid();
  process.kill(postmaster, "SIGSTOP");
  try {
    // Every connection but the one asking ends; that one's backend runs on without the postmaster.
    await orm.execute(sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where backend_type = 'client backend' and pid <> pg_backend_pid()`);

    const api = await request.get("/api/v1/porting-requests/statuses", { headers: auth(acme.key), timeout: 60_000 });
    expect(api.status()).toBe(503);
    expect(api.headers()["content-type"]).toMatch(/application\/problem\+json/);
    expect(api.headers()["retry-after"]).toBeTruthy();

    await page.goto("/company-profiles", { timeout: 60_000 });
    await expect(page.getByRole("heading", { name: "We are having trouble loading this page" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/Trying again in \d+ s/)).toBeVisible();
  } finally {
    process.kill(postmaster, "SIGCONT");
  }

  // No reload: the page's own retry brings the profiles back.
  await expect(page.getByRole("heading", { name: "Company profiles" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "We are having trouble loading this page" })).toHaveCount(0);
});
