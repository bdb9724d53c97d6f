import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// postgres.js 3.4.9 ends the whole process when a backend is killed under load, unless
// scripts/patch-postgres.mjs patched it at install (docs/postgres-patch.md). The patch runs as the
// postinstall, so `npm ci --ignore-scripts` (or an `ignore-scripts=true` npm setting) leaves the
// driver unpatched; npm start, the worker and the app's database client check before they
// connect, and refuse to run without it.

const TAG = "[patched by scripts/patch-postgres.mjs]";
/** A line of each hunk's patched text (scripts/patch-postgres.mjs). */
const MARKERS = [`if (!socket) // ${TAG}`, `function forget() { // ${TAG}`, `return fetchArrayTypes().catch(() => { /* ${TAG}`];
/** The copies Node loads: src/ through `import`, cjs/src/ through `require`. */
const LOADED = ["src/connection.js", "cjs/src/connection.js"];

export class PostgresUnpatched extends Error {
  constructor(detail: string) {
    super(
      `postgres.js is not patched against the crash of a killed backend (${detail}).\n` +
        `This happens after \`npm ci --ignore-scripts\`, \`npm install <package>\` or an npm setting ignore-scripts=true.\n` +
        `Run \`npm run postinstall\` (it patches the installed driver), then start again. Why: docs/postgres-patch.md.`,
    );
    this.name = "PostgresUnpatched";
  }
}

/** Why the postgres package in `packageDir` is not (fully) patched; null when it is. */
export function postgresPatchProblem(packageDir: string): string | null {
  // turbopackIgnore: paths known only at run time; without it the build traces the whole project.
  if (!existsSync(/*turbopackIgnore: true*/ path.join(packageDir, "package.json"))) return `no postgres package in ${packageDir}`;
  for (const rel of LOADED) {
    const file = path.join(packageDir, rel);
    if (!existsSync(/*turbopackIgnore: true*/ file)) continue;
    const text = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
    const missing = MARKERS.filter((marker) => !text.includes(marker));
    if (missing.length > 0) return `${path.join("node_modules", "postgres", rel)} lacks ${missing.length} of the ${MARKERS.length} changes`;
  }
  return null;
}

let checked: string | null = null;

/** Throws PostgresUnpatched unless the project's installed postgres package is patched. Checks once per root. */
export function assertPostgresPatched(root: string = process.cwd()): void {
  if (checked === root) return;
  const problem = postgresPatchProblem(path.join(/*turbopackIgnore: true*/ root, "node_modules", "postgres"));
  if (problem) throw new PostgresUnpatched(problem);
  checked = root;
}
