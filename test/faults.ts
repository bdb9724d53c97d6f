import { sql } from "drizzle-orm";
import { getDb } from "@/db";

// Faults injected in the real PostgreSQL: a trigger that refuses the first write matching a
// condition, then lets every later one through (a sequence counts, and a sequence is not rolled
// back with the refused write). Each test file has its own database, so the trigger touches only
// that file's rows; `remove` drops it.

export async function failFirstWrite(options: { name: string; table: string; when: string }): Promise<{ remove: () => Promise<void> }> {
  const { name, table, when } = options;
  if (!/^[a-z_]+$/.test(name) || !/^[a-z_]+$/.test(table)) throw new Error("failFirstWrite: plain lower-case names only");
  const db = getDb();
  await db.execute(sql.raw(`create sequence if not exists ${name}`));
  await db.execute(
    sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$
      begin
        if (${when}) and nextval('${name}') = 1 then
          raise exception 'the database is restarting';
        end if;
        return new;
      end $$`),
  );
  await db.execute(sql.raw(`create trigger ${name} before update on ${table} for each row execute function ${name}()`));
  return { remove: async () => void (await db.execute(sql.raw(`drop trigger ${name} on ${table}`))) };
}
