// Set-based seeding for the benchmarks: one statement per table for any number of requests
// (generate_series), so a million requests take minutes, not hours. Plain SQL through postgres.js,
// no app code: the seeded rows are what the app's own verbs would have written (a request, its
// numbers, its first history entry, the per-status counts).
import type postgres from "postgres";

export type BenchAccount = { accountId: string; profileId: string; userId: string; email: string };

const STATUSES = ["requested", "in_progress", "delayed", "ready_to_be_ported", "blocked", "cancelled", "completed"];
const OPEN = ["requested", "in_progress", "delayed", "ready_to_be_ported"];

/** An account with one admin (password hash given), and a company profile. */
export async function createBenchAccount(sql: postgres.Sql, passwordHash: string, email = "bench@bench.test", name = "Bench B.V."): Promise<BenchAccount> {
  const [account] = await sql`insert into accounts (name, country, signing_secret) values (${name}, 'NL', 'whsec_YmVuY2g=') returning id`;
  const [user] = await sql`insert into users (email, name, role, account_id, account_role, password_hash) values (${email}, 'Bench', 'customer', ${account!.id}, 'admin', ${passwordHash}) returning id`;
  const [profile] = await sql`insert into company_profiles (account_id, name, company_name, country, notification_emails) values (${account!.id}, 'Bench', 'Bench B.V.', 'NL', '{ops@bench.test}') returning id`;
  return { accountId: account!.id as string, profileId: profile!.id as string, userId: user!.id as string, email };
}

/**
 * Requests number `from` … `to - 1` of the account: every status in turn (Blocked ones with their
 * rejection code), 30 s apart, newest last; one valid Amsterdam number each (+31 20 + 7 digits,
 * unique per request from `numberBase` on: give each account its own range), one history entry
 * each; then the per-status counts and ANALYZE.
 */
export async function seedRequests(sql: postgres.Sql, account: BenchAccount, from: number, to: number, numberBase = 1_000_000): Promise<void> {
  const { accountId, profileId } = account;
  const statuses = `array[${STATUSES.map((s) => `'${s}'`).join(",")}]`;
  // Without the content_version triggers (migration 0015): a seeded request is at its first
  // version anyway, and a million numbers and events would each rewrite their request's row once more.
  await sql.begin(async (tx) => {
    await tx.unsafe(`set local session_replication_role = replica`);
    await tx.unsafe(`
      insert into porting_requests (id, account_id, company_profile_id, country, number_type, current_provider,
        status, status_reason, status_changed_at, created_at, updated_at)
      select gen_random_uuid(), '${accountId}', '${profileId}', 'NL', 'geographic', 'KPN',
        (${statuses})[1 + i % 7]::porting_status,
        'Seeded for the benchmark',
        now() - make_interval(secs => (${to} - i) * 30), now() - make_interval(secs => (${to} - i) * 30),
        now() - make_interval(secs => (${to} - i) * 30)
      from generate_series(${from}, ${to - 1}) as i`);
    await tx.unsafe(`
      insert into porting_request_numbers (porting_request_id, account_id, number, type, position, open)
      select r.id, r.account_id, '+3120' || lpad((${numberBase} + ${from} + row_number() over (order by r.created_at))::text, 7, '0'),
        'geographic', 0, r.status in (${OPEN.map((s) => `'${s}'`).join(",")})
      from porting_requests r
      where r.account_id = '${accountId}' and not exists (select 1 from porting_request_numbers n where n.porting_request_id = r.id)`);
    // The rejection column exists from migration 0009 on; a Blocked event must carry a code there.
    const [rejection] = await tx`select 1 from information_schema.columns where table_name = 'porting_request_events' and column_name = 'rejection'`;
    await tx.unsafe(`
      insert into porting_request_events (porting_request_id, from_status, to_status, reason, actor_role, actor_name, created_at${rejection ? ", rejection" : ""})
      select r.id, null, r.status, 'Seeded for the benchmark', 'system', 'Bench', r.created_at${
        rejection ? `, case when r.status = 'blocked' then '{"codes":[{"code":"other","numbers":[]}],"profile":null}'::jsonb end` : ""
      }
      from porting_requests r
      where r.account_id = '${accountId}' and not exists (select 1 from porting_request_events e where e.porting_request_id = r.id)`);
  });
  await sql.unsafe(`delete from porting_request_counts where account_id = '${accountId}'`);
  await sql.unsafe(`
    insert into porting_request_counts (account_id, status, count)
    select account_id, status, count(*) from porting_requests where account_id = '${accountId}' group by 1, 2`);
  await sql.unsafe(`analyze`);
}
