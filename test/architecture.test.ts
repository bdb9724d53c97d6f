import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

// The layout's rules, checked on the source text (README "Architecture", issue 10):
//   1. every module in lib/ or db/ that touches the database says so with `import "server-only"`,
//      so a client component that imports it fails the build instead of shipping database code;
//      the exceptions are the modules the scripts (npm start, npm run worker, …) load under plain
//      Node, where that import throws: they say so in a comment instead, and the list of them is
//      computed here from the scripts' imports, not kept by hand;
//   2. no folder of lib/ imports another folder of lib/ that imports it back.

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((entry) => {
    const rel = path.join(dir, entry);
    if (statSync(path.join(root, rel)).isDirectory()) return entry === "migrations" ? [] : sourceFiles(rel);
    return /\.(ts|tsx|mjs)$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith(".d.mts") ? [rel] : [];
  });
}

type Import = { specifier: string; typeOnly: boolean };

/** Static, re-exported, side-effect and dynamic imports, by specifier. */
export function importsOf(source: string): Import[] {
  const found: Import[] = [];
  const statement = /(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?(?:[^"'`;]*?\sfrom\s*)?["']([^"']+)["']/g;
  for (const m of source.matchAll(statement)) found.push({ specifier: m[2]!, typeOnly: Boolean(m[1]) });
  for (const m of source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

/** A specifier as a repository path (`lib/porting/queries.ts`), or null for a package. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.join(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, path.join(base, "index.ts")]) {
    if (existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return null;
}

const read = (file: string) => readFileSync(path.join(root, file), "utf8");

const DATABASE_PACKAGES = ["postgres", "drizzle-orm/postgres-js"];

/** Imports the database client (`@/db`: getDb, Db, Executor) or a PostgreSQL driver; types count, as an Executor runs queries. */
function touchesDatabase(file: string, imports: Import[]): boolean {
  return imports.some(({ specifier }) => DATABASE_PACKAGES.includes(specifier) || resolve(file, specifier) === "db/index.ts");
}

const importsServerOnly = (imports: Import[]) => imports.some((i) => i.specifier === "server-only" && !i.typeOnly);

/**
 * Every lib/ and db/ module that a script run under plain Node (`node --import tsx …`) loads.
 * bench/ is not among them: `npm run bench:list` runs with `--conditions=react-server`, under
 * which "server-only" is an empty module (the scripts cannot: they start Next.js and workers).
 */
function loadedByScripts(): Set<string> {
  const entries = [...sourceFiles("scripts"), ...sourceFiles("test/fixtures")].filter((f) => f.endsWith(".ts"));
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier, typeOnly } of importsOf(read(file))) {
      if (typeOnly) continue; // erased: never loaded
      const target = resolve(file, specifier);
      if (target) stack.push(target);
    }
  }
  return new Set([...seen].filter((f) => f.startsWith("lib/") || f.startsWith("db/")));
}

describe("server-only", () => {
  const modules = [...sourceFiles("lib"), ...sourceFiles("db")];
  const scripts = loadedByScripts();

  test("the check reads imports as written", () => {
    expect(importsOf('import "server-only";\nimport { getDb, type Executor } from "@/db";')).toEqual([
      { specifier: "server-only", typeOnly: false },
      { specifier: "@/db", typeOnly: false },
    ]);
    expect(importsOf('import type {\n  Db,\n} from "@/db";\nconst x = await import("@/lib/env");')).toEqual([
      { specifier: "@/db", typeOnly: true },
      { specifier: "@/lib/env", typeOnly: false },
    ]);
    expect(touchesDatabase("lib/x/y.ts", importsOf('import type { Executor } from "@/db";'))).toBe(true);
    expect(touchesDatabase("db/seed.ts", importsOf('import type { Db } from "./index";'))).toBe(true);
    expect(touchesDatabase("lib/x/y.ts", importsOf('import { users } from "@/db/schema";'))).toBe(false);
    expect(scripts.has("lib/notifications/worker.ts")).toBe(true);
  });

  test("every module that touches the database imports it (or is loaded by a script and says why not)", () => {
    const unmarked = modules.filter((file) => {
      const imports = importsOf(read(file));
      return touchesDatabase(file, imports) && !importsServerOnly(imports) && !scripts.has(file);
    });
    expect(unmarked, 'add `import "server-only";` as the first line of these').toEqual([]);
  });

  test("a module a script loads does not import it (it throws outside Next.js) and says so", () => {
    const throwing = [...scripts].filter((file) => importsServerOnly(importsOf(read(file))));
    expect(throwing, "these would make a script throw; see the scripts' imports").toEqual([]);
    const silent = [...scripts].filter((file) => touchesDatabase(file, importsOf(read(file))) && !/server-only/.test(read(file)));
    expect(silent, 'say in a comment why there is no "server-only" (a script loads it)').toEqual([]);
  });
});

/** lib/porting/queries.ts → "porting"; lib/env.ts → "env". */
const libFolder = (file: string) => file.split("/")[1]!.replace(/\.tsx?$/, "");

export function mutualImports(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const pairs: string[] = [];
  for (const [from, targets] of edges) {
    for (const to of targets) if (from < to && edges.get(to)?.has(from)) pairs.push(`${from} <-> ${to}`);
  }
  return pairs.sort();
}

/**
 * Cycles known when this check came in (issue 10), each with the way out. The check fails on any
 * other cycle, and on an entry here that no longer exists: this list only shrinks.
 */
const KNOWN_CYCLES: Record<string, string> = {};

describe("lib/ folders", () => {
  test("the cycle check finds a pair that imports each other", () => {
    const edges = new Map([
      ["porting", new Set(["shared", "support"])],
      ["support", new Set(["porting"])],
      ["shared", new Set<string>()],
    ]);
    expect(mutualImports(edges)).toEqual(["porting <-> support"]);
  });

  test("no folder imports another that imports it back", () => {
    const edges = new Map<string, Set<string>>();
    const why = new Map<string, string>();
    for (const file of sourceFiles("lib")) {
      for (const { specifier } of importsOf(read(file))) {
        const target = resolve(file, specifier);
        if (!target?.startsWith("lib/")) continue;
        const [from, to] = [libFolder(file), libFolder(target)];
        if (from === to) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
        why.set(`${from}->${to}`, `${file} imports ${target}`);
      }
    }
    const cycles = mutualImports(edges).map((pair) => {
      const [a, b] = pair.split(" <-> ") as [string, string];
      return `${pair}: ${why.get(`${a}->${b}`)}; ${why.get(`${b}->${a}`)}`;
    });
    const found = cycles.map((c) => c.slice(0, c.indexOf(":")));
    expect(cycles.filter((_, i) => !(found[i]! in KNOWN_CYCLES)), "a new cycle: make one side stop importing the other").toEqual([]);
    expect(Object.keys(KNOWN_CYCLES).filter((pair) => !found.includes(pair)), "gone: remove it from KNOWN_CYCLES").toEqual([]);
  });
});
