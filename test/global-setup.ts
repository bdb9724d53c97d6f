import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded";
import { runMigrations } from "../db/migrate";

// One PostgreSQL for the whole run: the embedded one in a temporary directory, or DATABASE_URL
// when given. Migrations run once into a template database; every test file gets a fresh copy
// (CREATE DATABASE … TEMPLATE, a file copy, milliseconds), so files never see each other's rows.

let server: EmbeddedServer | undefined;
let tmp: string | undefined;

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = await mkdtemp(path.join(os.tmpdir(), "voice-porting-test-"));
    server = await startEmbeddedPostgres({ dataDir: tmp });
    adminUrl = server.url;
  }
  const templateDatabase = `vp_template_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${templateDatabase}`);
  await admin.unsafe(`create database ${templateDatabase}`);
  await runMigrations(withDatabase(adminUrl, templateDatabase));
  await admin.end();

  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const leftovers = await cleanup<{ datname: string }[]>`
      select datname from pg_database where datname like ${`vp_t${process.pid}_%`} or datname = ${templateDatabase}`;
    for (const { datname } of leftovers) await cleanup.unsafe(`drop database if exists ${datname} with (force)`);
    await cleanup.end();
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}
