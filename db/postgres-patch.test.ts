import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { HUNKS } from "@/scripts/patch-postgres.mjs";
import { assertPostgresPatched, postgresPatchProblem, PostgresUnpatched } from "./postgres-patch";

// npm start, the worker and the app's db client refuse to run on a postgres.js that
// scripts/patch-postgres.mjs did not patch, as after `npm ci --ignore-scripts`. The unpatched
// driver here is the installed one with every hunk turned back into upstream's text.

const root = path.resolve(import.meta.dirname, "..");
let project: string;

function unpatch(file: string, hunks = HUNKS) {
  let text = readFileSync(file, "utf8");
  for (const hunk of hunks) {
    expect(text).toContain(hunk.patched);
    text = text.replace(hunk.patched, () => hunk.original);
  }
  writeFileSync(file, text);
}

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), "vp-unpatched-"));
  cpSync(path.join(root, "node_modules", "postgres"), path.join(project, "node_modules", "postgres"), { recursive: true });
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

test("the installed driver passes", () => {
  expect(postgresPatchProblem(path.join(root, "node_modules", "postgres"))).toBeNull();
  expect(() => assertPostgresPatched(root)).not.toThrow();
});

test("a driver installed without the postinstall is refused, with what to do", () => {
  const pkg = path.join(project, "node_modules", "postgres");
  expect(postgresPatchProblem(pkg)).toBeNull();
  unpatch(path.join(pkg, "src", "connection.js"));
  unpatch(path.join(pkg, "cjs", "src", "connection.js"));
  expect(postgresPatchProblem(pkg)).toMatch(/node_modules\/postgres\/src\/connection\.js lacks 3 of the 3 changes/);
  expect(() => assertPostgresPatched(project)).toThrow(PostgresUnpatched);
  expect(() => assertPostgresPatched(project)).toThrow(/Run `npm run postinstall`/);
});

test("one hunk missing in the copy `require` loads is enough to refuse", async () => {
  const other = await mkdtemp(path.join(os.tmpdir(), "vp-half-patched-"));
  try {
    const pkg = path.join(other, "node_modules", "postgres");
    cpSync(path.join(root, "node_modules", "postgres"), pkg, { recursive: true });
    unpatch(path.join(pkg, "cjs", "src", "connection.js"), [HUNKS[2]!]);
    expect(postgresPatchProblem(pkg)).toMatch(/cjs\/src\/connection\.js lacks 1 of the 3 changes/);
    expect(postgresPatchProblem(path.join(other, "nothing-here"))).toMatch(/no postgres package/);
  } finally {
    await rm(other, { recursive: true, force: true });
  }
});
