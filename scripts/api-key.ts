// `npm run api-key -- --email anna@acme.test --name "my script"`: creates an API key for a user and
// prints it as the LAST line of output (scripts can take it with `| tail -n 1`). A support user's
// email gives a support key; `--test` gives a test key (vp_test_…), which acts in the customer's
// account's sandbox (DESIGN.md, Sandbox). Works whether or not the app is running:
//   - DATABASE_URL set: that database;
//   - else the embedded PostgreSQL of this folder (.data/, or VOICE_PORTING_DATA_DIR): the running
//     one, found through the port recorded in .data/embedded-postgres.json; when it is not
//     running, this script starts it, and stops it again afterwards.
import { parseArgs } from "node:util";
import { fail, scriptDatabase } from "./lib/script-database";

const USAGE = 'Usage: npm run api-key -- --email <user email> [--name "<key name>"] [--test]';

function args() {
  try {
    const { values } = parseArgs({
      options: { email: { type: "string" }, name: { type: "string" }, test: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const email = values.email?.trim();
    if (!email) fail(`--email is required.\n${USAGE}`, 2);
    const name = values.name?.trim() || `CLI key ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
    if (name.length > 100) fail("--name must be at most 100 characters.", 2);
    return { email, name, mode: values.test ? ("test" as const) : ("live" as const) };
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

/** A problem the user can fix; thrown (not exited on) so the embedded server is stopped first. */
class UserError extends Error {}

async function main() {
  const { email, name, mode } = args();
  const db = await scriptDatabase();
  const postgres = (await import("postgres")).default;
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { sql } = await import("drizzle-orm");
  const schema = await import("@/db/schema");
  const { insertApiKey } = await import("@/lib/auth/api-key-tokens");
  const client = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    const orm = drizzle(client, { schema });
    const [user] = await orm
      .select({ id: schema.users.id, name: schema.users.name, role: schema.users.role, accountId: schema.users.accountId })
      .from(schema.users)
      .where(sql`lower(${schema.users.email}) = ${email.toLowerCase()}`)
      .limit(1);
    if (!user) throw new UserError(`No user with the email ${email} in ${db.how}.`);
    if (mode === "test" && user.role !== "customer") {
      throw new UserError(`${email} is a support user: test keys act in a customer account's sandbox, so support keys are live keys only. Leave out --test.`);
    }
    const created = await insertApiKey(orm, { id: user.id, accountId: user.role === "customer" ? user.accountId : null }, name, mode);
    const kind = user.role === "support" ? "a support" : mode === "test" ? "a test (sandbox)" : "a customer";
    console.error(
      `Created ${kind} API key “${name}” (${created.prefix}_…) for ${user.name} <${email}>, in ${db.how}.\n` +
        "It is shown only this once; revoke it on the Settings page. The key:",
    );
    // The last line of stdout, and the only thing on it.
    console.log(created.key);
  } finally {
    await client.end({ timeout: 5 });
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof UserError ? error.message : error);
  process.exit(1);
});
