// npm run bench:list — how the request list, its counts, search and the support queue scale.
// Seeds one account with SMALL requests, times every query, grows the same account to LARGE
// requests (default 1,000,000), times them again, and prints the ratios. Ratios from one run on
// one machine are what we compare (shared machines are noisy: absolute times mean little).
// Uses its own embedded PostgreSQL in a temporary directory, or DATABASE_URL (a throwaway one!).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

const SMALL = Number(process.env.BENCH_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

async function seedRequests(sql: postgres.Sql, accountId: string, profileId: string, from: number, to: number) {
  // Set-based inserts: one statement per table for the whole range. Numbers are valid Amsterdam
  // geographic numbers (+31 20 + 7 digits), unique per request.
  // Without the content_version triggers (migration 0015): a seeded request is at its first
  // version anyway, and a million numbers and events would each rewrite their request's row once more.
  await sql.begin(async (tx) => {
    await tx.unsafe(`set local session_replication_role = replica`);
    await tx.unsafe(`
      insert into porting_requests (id, account_id, company_profile_id, country, number_type, current_provider,
        status, status_reason, status_changed_at, created_at, updated_at)
      select gen_random_uuid(), '${accountId}', '${profileId}', 'NL', 'geographic', 'KPN',
        (array['requested','in_progress','delayed','ready_to_be_ported','blocked','cancelled','completed'])[1 + i % 7]::porting_status,
        'Seeded for the benchmark',
        now() - make_interval(secs => (${to} - i) * 30), now() - make_interval(secs => (${to} - i) * 30),
        now() - make_interval(secs => (${to} - i) * 30)
      from generate_series(${from}, ${to - 1}) as i`);
    await tx.unsafe(`
      insert into porting_request_numbers (porting_request_id, account_id, number, type, position, open)
      select r.id, r.account_id, '+3120' || lpad((1000000 + ${from} + row_number() over (order by r.created_at))::text, 7, '0'),
        'geographic', 0, r.status in ('requested','in_progress','delayed','ready_to_be_ported')
      from porting_requests r
      where r.account_id = '${accountId}' and not exists (select 1 from porting_request_numbers n where n.porting_request_id = r.id)`);
    await tx.unsafe(`
      insert into porting_request_events (porting_request_id, from_status, to_status, reason, actor_role, actor_name, created_at)
      select r.id, null, 'requested', 'Request received', 'customer', 'Bench', r.created_at
      from porting_requests r
      where r.account_id = '${accountId}' and not exists (select 1 from porting_request_events e where e.porting_request_id = r.id)`);
  });
  await sql.unsafe(`delete from porting_request_counts where account_id = '${accountId}'`);
  await sql.unsafe(`
    insert into porting_request_counts (account_id, status, count)
    select account_id, status, count(*) from porting_requests where account_id = '${accountId}' group by 1, 2`);
  await sql.unsafe(`analyze`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function main() {
  let tmp: string | undefined;
  let stop = async () => {};
  let url = process.env.DATABASE_URL;
  if (!url) {
    tmp = await mkdtemp(path.join(os.tmpdir(), "voice-porting-bench-"));
    const server = await startEmbeddedPostgres({ dataDir: tmp });
    url = server.url;
    stop = server.stop;
  }
  await runMigrations(url);
  process.env.DATABASE_URL = url;
  const sql = postgres(url, { max: 2, onnotice: () => {} });

  const { listPortingRequests, statusCounts } = await import("@/lib/porting/queries");
  const { encodeCursor } = await import("@/lib/shared/cursor");
  const { listSupportQueue } = await import("@/lib/support/queue");

  const [account] = await sql`insert into accounts (name, country, signing_secret) values ('Bench B.V.', 'NL', 'whsec_YmVuY2g=') returning id`;
  const [user] = await sql`insert into users (email, name, role, account_id, account_role, password_hash) values ('bench@bench.test', 'Bench', 'customer', ${account!.id}, 'admin', 'x') returning id`;
  const [agent] = await sql`insert into users (email, name, role, password_hash) values ('agent@bench.test', 'Agent', 'support', 'x') returning id`;
  const [profile] = await sql`insert into company_profiles (account_id, name, company_name, country, notification_emails) values (${account!.id}, 'Bench', 'Bench B.V.', 'NL', '{ops@bench.test}') returning id`;
  const customer = { role: "customer" as const, userId: user!.id as string, name: "Bench", email: "bench@bench.test", accountId: account!.id as string, accountRole: "admin" as const };
  const support = { role: "support" as const, userId: agent!.id as string, name: "Agent", email: "agent@bench.test", accountId: null };

  const measure = async (size: number) => {
    const middle = await sql<{ t: string; id: string }[]>`
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t, id
      from porting_requests order by created_at desc, id desc offset ${Math.floor(size / 2)} limit 1`;
    const deepCursor = encodeCursor({ t: middle[0]!.t, i: middle[0]!.id });
    const someNumber = (await sql<{ number: string }[]>`select number from porting_request_numbers offset ${Math.floor(size / 3)} limit 1`)[0]!.number;
    const national = "0" + someNumber.slice(3);
    return {
      "first page": await time(() => listPortingRequests(customer, { limit: 25 })),
      "page in the middle (cursor)": await time(() => listPortingRequests(customer, { limit: 25, cursor: deepCursor })),
      "status tab (ready to be ported)": await time(() => listPortingRequests(customer, { limit: 25, status: "ready_to_be_ported" })),
      "search by number (national format)": await time(() => listPortingRequests(customer, { limit: 25, q: national })),
      "search by reference": await time(() => listPortingRequests(customer, { limit: 25, q: "PR-000123" })),
      "status counts": await time(() => statusCounts(customer)),
      "support queue (open, oldest first)": await time(() => listSupportQueue(support, {})),
      "support queue (requested)": await time(() => listSupportQueue(support, { status: "requested" })),
      "support queue search by number": await time(() => listSupportQueue(support, { status: "all", q: national })),
    } as Record<string, number>;
  };

  console.log(`Seeding ${SMALL.toLocaleString("en")} requests…`);
  await seedRequests(sql, account!.id, profile!.id, 0, SMALL);
  const small = await measure(SMALL);
  console.log(`Growing to ${LARGE.toLocaleString("en")} requests (a few minutes)…`);
  const t0 = performance.now();
  await seedRequests(sql, account!.id, profile!.id, SMALL, LARGE);
  console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const large = await measure(LARGE);

  console.log(`\nmedian of ${RUNS} runs, ms; ratio = ${LARGE.toLocaleString("en")} rows / ${SMALL.toLocaleString("en")} rows`);
  console.log(`${"query".padEnd(40)} ${"small".padStart(8)} ${"large".padStart(8)} ${"ratio".padStart(7)}`);
  for (const name of Object.keys(small)) {
    const a = small[name]!;
    const b = large[name]!;
    console.log(`${name.padEnd(40)} ${a.toFixed(2).padStart(8)} ${b.toFixed(2).padStart(8)} ${(b / a).toFixed(2).padStart(7)}`);
  }
  const { closeDb } = await import("@/db");
  await closeDb();
  await sql.end();
  await stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
