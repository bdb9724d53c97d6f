// `npm run create-user -- --support --email you@example.com [--name "Your Name"]`
// `npm run create-user -- --account <account id> --role admin --email them@example.com [--name …]`
// Creates a user with no usable password and prints a one-time link (the last line of stdout) that
// sets the password and signs in: a password never goes through the command line or shell history.
// The link is a password reset token, valid for 24 hours (`--hours` to change). The database is
// found as `npm run api-key` finds it: DATABASE_URL, else this folder's embedded PostgreSQL.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { fail, scriptDatabase } from "./lib/script-database";

const USAGE = [
  "Usage: npm run create-user -- --support --email <email> [--name <name>] [--hours 24]",
  "       npm run create-user -- --account <account id> --role admin|member --email <email> [--name <name>] [--hours 24]",
].join("\n");

class UserError extends Error {}

function args() {
  try {
    const { values } = parseArgs({
      options: {
        support: { type: "boolean" },
        account: { type: "string" },
        role: { type: "string" },
        email: { type: "string" },
        name: { type: "string" },
        hours: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const email = values.email?.trim().toLowerCase();
    if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`--email needs an email address.\n${USAGE}`, 2);
    if (Boolean(values.support) === Boolean(values.account)) fail(`Give either --support or --account <id>.\n${USAGE}`, 2);
    const role = values.role ?? (values.account ? undefined : null);
    if (values.account && role !== "admin" && role !== "member") fail(`--role must be admin or member.\n${USAGE}`, 2);
    if (values.support && values.role) fail("--role is only for --account users: support has one role.", 2);
    const hours = Number(values.hours ?? "24");
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) fail("--hours must be a whole number from 1 to 168.", 2);
    const name = values.name?.trim() || email.split("@")[0]!;
    return { email, name, hours, support: Boolean(values.support), accountId: values.account ?? null, role: (role ?? null) as "admin" | "member" | null };
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

async function main() {
  const input = args();
  const db = await scriptDatabase();
  const postgres = (await import("postgres")).default;
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { eq, sql } = await import("drizzle-orm");
  const schema = await import("@/db/schema");
  const { hashPassword } = await import("@/lib/auth/password");
  const { createSetPasswordLink } = await import("@/lib/accounts/passwords");
  const { recordAudit } = await import("@/lib/auth/audit");
  const client = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    const orm = drizzle(client, { schema });
    const [existing] = await orm.select({ id: schema.users.id }).from(schema.users).where(sql`lower(${schema.users.email}) = ${input.email}`).limit(1);
    if (existing) throw new UserError(`${input.email} already has a sign-in in ${db.how}; it can use "Forgot your password?" on the sign-in page.`);
    let accountName: string | null = null;
    if (input.accountId) {
      const [account] = /^[0-9a-f-]{36}$/i.test(input.accountId)
        ? await orm.select({ name: schema.accounts.name }).from(schema.accounts).where(eq(schema.accounts.id, input.accountId)).limit(1)
        : [];
      if (!account) throw new UserError(`No account with the id ${input.accountId} in ${db.how}. Support creates accounts on the Accounts page or with POST /api/v1/accounts.`);
      accountName = account.name;
    }
    // A random password nobody knows: the link sets the real one.
    const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
    const user = await orm.transaction(async (tx) => {
      const [row] = await tx
        .insert(schema.users)
        .values({
          email: input.email,
          name: input.name,
          role: input.support ? "support" : "customer",
          accountId: input.accountId,
          accountRole: input.role,
          passwordHash,
        })
        .returning({ id: schema.users.id });
      await recordAudit(
        tx,
        { role: "system", userId: null, name: "npm run create-user" },
        { accountId: input.accountId, action: "user.created", objectType: "user", objectId: row!.id, changes: { email: input.email, name: input.name, role: input.role ?? "support" } },
        null,
      );
      return row!;
    });
    const link = await createSetPasswordLink(user.id, input.hours, orm);
    console.error(
      `Created ${input.support ? "a support user" : `${input.role === "admin" ? "an admin" : "a member"} of ${accountName}`}: ${input.name} <${input.email}>, in ${db.how}.\n` +
        `Open this link to set the password and sign in (once, until ${link.expiresAt}):`,
    );
    console.log(link.url);
  } finally {
    await client.end({ timeout: 5 });
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof UserError ? error.message : error);
  process.exit(1);
});
