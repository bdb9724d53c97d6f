// Every line the supervisor (npm start) writes about itself and its children goes through here:
// one JSON line each ("process":"supervisor", lib/observability/logger.ts), readable on a terminal.
// The logger reads LOG_LEVEL/LOG_FORMAT through lib/env; while the environment is invalid (the
// supervisor is about to say which variable is wrong) lines go to the console as they are.

export type LogLevel = "info" | "warn" | "error";

const observability = await import("@/lib/observability/logger").catch(() => null);
observability?.setLogProcess("supervisor");

export function supervisorLog(level: LogLevel, message: string): void {
  if (observability) {
    observability.getLogger()[level](message);
    return;
  }
  if (level === "info") console.log(message);
  else console.error(message);
}
