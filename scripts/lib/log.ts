// Every line the supervisor (npm start) writes about itself and its children goes through here,
// so that structured logging can replace it in one place.

export type LogLevel = "info" | "warn" | "error";

export function supervisorLog(level: LogLevel, message: string): void {
  if (level === "info") console.log(message);
  else console.error(message);
}
