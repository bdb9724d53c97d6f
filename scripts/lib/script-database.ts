// How a command-line script (npm run api-key, npm run create-user) finds its database, whether or
// not the app is running: DATABASE_URL when set; else this folder's embedded PostgreSQL (.data/, or
// VOICE_PORTING_DATA_DIR): the running one, through the port recorded in .data/embedded-postgres.json,
// or, when it is not running, started for the command under the same lock as `npm start` (so the
// two never share the cluster) and stopped again by `stop()`.
import { dataDir } from "./data-dir";

export type ScriptDatabase = { url: string; stop: () => Promise<void>; how: string };

export function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

export async function scriptDatabase(): Promise<ScriptDatabase> {
  const { env } = await import("@/lib/env");
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {}, how: "DATABASE_URL" };

  const { embeddedUrl, readRecorded, runningPostmaster, startEmbeddedPostgres } = await import("@/db/embedded");
  const running = await runningPostmaster(dataDir);
  const recorded = await readRecorded(dataDir);
  if (running && recorded) {
    return { url: embeddedUrl(recorded), stop: async () => {}, how: `the running embedded PostgreSQL (port ${recorded.port})` };
  }
  if (!recorded) {
    fail(`No database found: ${dataDir} holds no embedded PostgreSQL yet. Start the app once (npm start), or set DATABASE_URL.`);
  }
  const { acquireStartLock } = await import("./data-dir");
  const lock = await acquireStartLock();
  if (!lock) fail("The app is starting or stopping in this folder right now; try again in a few seconds.");
  try {
    const server = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT });
    return {
      url: server.url,
      how: `the embedded PostgreSQL, started for this command (port ${server.port})`,
      stop: async () => {
        await server.stop();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
