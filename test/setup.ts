import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { withDatabase } from "./global-setup";

// Runs before each test file, before it imports anything: point DATABASE_URL at a fresh copy of
// the migrated template, so lib/env and db/index see it when they load.
const adminUrl = inject("adminUrl");
const template = inject("templateDatabase");
const database = `vp_t${template.split("_").pop()}_${randomBytes(5).toString("hex")}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${database} template ${template}`);
process.env.DATABASE_URL = withDatabase(adminUrl, database);
process.env.ALLOW_INSECURE_CALLBACKS ??= "true";

afterAll(async () => {
  const { closeDb } = await import("@/db");
  await closeDb();
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
});
