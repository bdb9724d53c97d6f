#!/usr/bin/env node
// Patches postgres.js (the `postgres` package, 3.4.9) so that a backend killed under load
// (`pg_terminate_backend`, a failover, an idle-session timeout) fails the affected queries instead of
// crashing the whole Node process. Runs as the project's `postinstall`; plain Node, no dependencies.
// Why and how to drop it: docs/postgres-patch.md.
//
//   node scripts/patch-postgres.mjs            patch every installed copy (idempotent)
//   node scripts/patch-postgres.mjs --check    exit 1 unless every copy is patched; writes nothing
//   node scripts/patch-postgres.mjs DIR...     patch the postgres package in DIR instead
//
// Every file must contain the exact original text of every hunk, once (or already be patched);
// otherwise nothing is written and the install stops with an error: a new upstream version needs a
// fresh look at whether it still needs this patch.

import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TAG = "[patched by scripts/patch-postgres.mjs]";
const TARGET_VERSION = "3.4.9";

export const HUNKS = [
  {
    // porsager/postgres#1066, #1154, #1208 (the fix of PR #1209; #1168 and #1176 only drop the
    // bytes, which leaves the query pending forever). A small write is flushed by
    // setImmediate(nextWrite); if the socket closed meanwhile, or a query was sent to a connection
    // whose socket is gone (the `rollback` that sql.begin() sends after its backend was killed),
    // `socket.write` threw a TypeError from a timer: an uncaught exception that ends the process.
    // Now the queries those bytes belong to fail with CONNECTION_CLOSED. Returning true keeps a
    // caller from moving the closed connection into the pool's "full" queue.
    name: "nextWrite: no write to a closed socket",
    original: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)
`,
    patched: `  function nextWrite(fn) {
    if (!socket) // ${TAG} closed before this write was flushed
      return forget(), true
    const x = socket.write(chunk, fn)
`,
  },
  {
    // When the socket closes, forget the dead session (porsager/postgres#1223, #1215, #1142):
    // - the in-flight query and its error survived, so the reconnected session replayed the old
    //   57P01 onto its first query (and, for the internal fetch_types query of a connection killed
    //   while starting up, also as an unhandled rejection); a stale `rows` offset the next result;
    // - defensively: a flush cancelled here left `nextWriteTimer` set, so no later write on this
    //   connection would ever be flushed (endless CONNECT_TIMEOUT), and queries left in `sent`
    //   could be taken by the next session for its own.
    name: "closed: forget the dead session",
    original: `    socket.removeAllListeners()
    socket = null

    if (initial)
      return reconnect()

    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    closedTime = performance.now()
    hadError && options.shared.retries++
    delay = (typeof backoff === 'function' ? backoff(options.shared.retries) : backoff) * 1000
    onclose(connection, Errors.connection('CONNECTION_CLOSED', options, socket))
  }
`,
    patched: `    socket.removeAllListeners()
    socket = null

    if (initial)
      return forget(), reconnect() // ${TAG}

    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    forget() // ${TAG}
    closedTime = performance.now()
    hadError && options.shared.retries++
    delay = (typeof backoff === 'function' ? backoff(options.shared.retries) : backoff) * 1000
    onclose(connection, Errors.connection('CONNECTION_CLOSED', options, socket))
  }

  function forget() { // ${TAG} the socket is gone: settle and drop what belonged to its session
    const err = Errors.connection('CONNECTION_CLOSED', options)
    nextWriteTimer !== null && clearImmediate(nextWriteTimer)
    query && queryError(query, err)
    while (sent.length)
      queryError(sent.shift(), err)
    chunk = nextWriteTimer = query = results = errorResponse = null
    result = new Result()
    rows = 0
  }
`,
  },
  {
    // porsager/postgres#1192, #1205, #1223 (and #279): the promise of the internal array-types
    // query was dropped, so its failure (e.g. the backend killed while a new connection starts up)
    // was an unhandled rejection, which ends the process. The error already reaches the waiting
    // query through errored(), or the connection reconnects and fetches the types again.
    name: "fetchArrayTypes: no unhandled rejection",
    original: `        return fetchArrayTypes()
`,
    patched: `        return fetchArrayTypes().catch(() => { /* ${TAG} settled by errored() or closed() */ })
`,
  },
];

function fail(message) {
  console.error(`\npatch-postgres: ERROR: ${message}\n`);
  process.exit(1);
}

function count(haystack, needle) {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Directories of installed `postgres` packages under root/node_modules, nested copies included. */
function findPackages(nodeModules, found = []) {
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const dir = path.join(nodeModules, entry.name);
    if (entry.name.startsWith("@")) {
      for (const scoped of readdirSync(dir, { withFileTypes: true })) {
        findPackages(path.join(dir, scoped.name, "node_modules"), found);
      }
      continue;
    }
    if (entry.name === "postgres" && isPostgresPackage(dir)) found.push(dir);
    findPackages(path.join(dir, "node_modules"), found);
  }
  return found;
}

function isPostgresPackage(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).name === "postgres";
  } catch {
    return false;
  }
}

/** Every connection.js the package ships (src/ for ESM and Bun, cjs/src/ for require, cf/src/ for workerd). */
function connectionFiles(pkgDir) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "connection.js") files.push(full);
    }
  };
  walk(pkgDir);
  return files.sort();
}

/** What to do with one file: null if already patched, else its patched text. Fails on anything else. */
function plan(file, version) {
  const text = readFileSync(file, "utf8");
  const state = HUNKS.map((hunk) =>
    text.includes(hunk.patched) ? "patched" : count(text, hunk.original) === 1 ? "original" : "missing",
  );
  if (state.every((s) => s === "patched")) return null;
  if (!state.every((s) => s === "original")) {
    const details = HUNKS.map((hunk, i) => `  - ${hunk.name}: ${state[i]}`).join("\n");
    fail(
      `${file} (postgres ${version}) does not contain the exact text this patch expects:\n${details}\n` +
        `The patch targets postgres ${TARGET_VERSION}. If postgres was upgraded, check whether the new release ` +
        `fixes porsager/postgres#1066, #1208 and #1223, then drop or update this patch (docs/postgres-patch.md).`,
    );
  }
  return HUNKS.reduce((t, hunk) => t.replace(hunk.original, () => hunk.patched), text);
}

// Run as a script (postinstall, --check); imported, it only lends its HUNKS (db/postgres-patch.test.ts).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const dirs = args.filter((a) => a !== "--check");
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const packages = dirs.length ? dirs.map((d) => path.resolve(d)) : findPackages(path.join(root, "node_modules"));

  if (packages.length === 0) fail(`no installed "postgres" package found under ${path.join(root, "node_modules")}.`);

  // Check every file first, so that a mismatch anywhere leaves every file as it was.
  const work = [];
  for (const pkgDir of packages) {
    if (!isPostgresPackage(pkgDir)) fail(`${pkgDir} is not the "postgres" package.`);
    const { version } = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
    const files = connectionFiles(pkgDir);
    if (files.length === 0) fail(`${pkgDir} (postgres ${version}) has no connection.js.`);
    for (const file of files) work.push({ file, patched: plan(file, version) });
  }

  for (const { file, patched } of work) {
    const rel = path.relative(root, file);
    if (patched === null) {
      console.log(`patch-postgres: ${rel} already patched`);
    } else if (check) {
      fail(`${rel} is not patched: run "node scripts/patch-postgres.mjs" (or "npm run postinstall").`);
    } else {
      const tmp = `${file}.patch-postgres.tmp`;
      writeFileSync(tmp, patched, { mode: statSync(file).mode });
      renameSync(tmp, file);
      console.log(`patch-postgres: ${rel} patched`);
    }
  }
}
