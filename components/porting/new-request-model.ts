import type { z } from "zod";
import type { NumberCheck } from "@/lib/porting/numbers";
import type { createPortingRequestSchema } from "@/lib/porting/schemas";
import type { DocumentContentType } from "@/lib/porting/document-files";
import { DOCUMENT_KINDS, type DocumentKind } from "@/lib/porting/values";

// The guided create flow's model, free of React: its steps, which fields each step owns, where a
// server field error belongs, and how the browser's instant number checks and the server's
// database checks combine into one row per number.

/** What the form holds (z.input: the same schema the server parses, STACK.md pitfall 8). */
export type RequestFormInput = z.input<typeof createPortingRequestSchema>;
export type RequestFormOutput = z.output<typeof createPortingRequestSchema>;
export type RequestFieldName = keyof RequestFormInput & string;

export const STEPS = [
  { id: "country", title: "Country and number type", short: "Country" },
  { id: "profile", title: "Company profile", short: "Profile" },
  { id: "numbers", title: "Phone numbers", short: "Numbers" },
  { id: "details", title: "Porting details", short: "Details" },
  { id: "documents", title: "Documents", short: "Documents" },
  { id: "review", title: "Review and submit", short: "Review" },
] as const;
export type StepId = (typeof STEPS)[number]["id"];

export const STEP_FIELDS: Record<StepId, readonly RequestFieldName[]> = {
  country: ["country", "numberType"],
  profile: ["companyProfileId"],
  numbers: ["phoneNumbers"],
  details: ["currentProvider", "customerReference", "preferredPortingDate", "contractScenario", "distributionGroupId", "callbackUrl", "comment"],
  documents: [],
  review: [],
};

export const stepIndex = (id: StepId) => STEPS.findIndex((s) => s.id === id);

/** The step a server field-error key belongs to: "phoneNumbers.2" → numbers, "documents.invoice" → documents; unknown keys → review. */
export function stepOfErrorKey(key: string): number {
  if (key.startsWith("documents")) return stepIndex("documents");
  const field = key.split(".")[0] ?? "";
  for (const step of STEPS) {
    if ((STEP_FIELDS[step.id] as readonly string[]).includes(field)) return stepIndex(step.id);
  }
  return stepIndex("review");
}

export function isFormField(key: string): key is RequestFieldName {
  return Object.values(STEP_FIELDS).some((fields) => (fields as readonly string[]).includes(key));
}

/** The earliest step any of these error keys belongs to, or null when there are none. */
export function firstStepWithError(keys: readonly string[]): number | null {
  return keys.length === 0 ? null : Math.min(...keys.map(stepOfErrorKey));
}

/** A step's check on Next: fine, or not (with a message for the step when its fields cannot say it). */
export type StepVerdict = { ok: true } | { ok: false; message?: string };

const isDocumentKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);

export type SortedServerErrors = {
  /** By the number as entered: the server names "phoneNumbers.2", the row shows the third entry. */
  numbers: Record<string, string>;
  documents: DocumentErrors;
  fields: [RequestFieldName, string][];
  /** Errors no field owns, shown under the form. */
  general: string[];
};

/** Where each of a refused submit's field errors goes: a number row, a document slot, a form field or the form as a whole. */
export function sortServerErrors(fieldErrors: Readonly<Record<string, readonly string[]>>, sentNumbers: readonly string[]): SortedServerErrors {
  const sorted: SortedServerErrors = { numbers: {}, documents: {}, fields: [], general: [] };
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const message = messages.join(" ");
    const numberIndex = /^phoneNumbers\.(\d+)$/.exec(key)?.[1];
    if (numberIndex !== undefined) {
      const raw = sentNumbers[Number(numberIndex)];
      if (raw !== undefined) sorted.numbers[raw] = message;
    } else if (key.startsWith("documents.") && isDocumentKind(key.slice("documents.".length))) {
      sorted.documents[key.slice("documents.".length) as DocumentKind] = message;
    } else if (isFormField(key)) {
      sorted.fields.push([key, message]);
    } else {
      sorted.general.push(message);
    }
  }
  return sorted;
}

/** The notice over a refused submit: how much needs attention, and on how many steps. */
export function refusedSubmitNotice(errorKeys: readonly string[]): string {
  const steps = new Set(errorKeys.map(stepOfErrorKey));
  return `The request was not created. ${errorKeys.length === 1 ? "One thing needs" : "Some things need"} attention${
    steps.size > 1 ? `, on ${steps.size} steps` : ""
  }: fix what is marked and submit again.`;
}

// ---- numbers -----------------------------------------------------------------------------------

export type NumberRowState = "ok" | "problem" | "checking";
export type NumberRow = NumberCheck & { state: NumberRowState; index: number };

const DATABASE_PROBLEMS = new Set(["in_open_request", "on_account", "unavailable"]);

/**
 * One row per entered number: the browser's instant verdict, upgraded with the server's database
 * verdict where it has one for that number (the server may still answer for an older list; it is
 * matched by E.164, not by position). A number the server has not seen yet is "checking".
 */
export function mergeNumberChecks(
  offline: readonly NumberCheck[],
  server: readonly NumberCheck[] | undefined,
  submitErrors: Readonly<Record<string, string>> = {},
): NumberRow[] {
  const fromServer = new Map<string, NumberCheck>();
  for (const check of server ?? []) {
    if (check.e164 && (!check.problem || DATABASE_PROBLEMS.has(check.problem)) && !fromServer.has(check.e164)) {
      fromServer.set(check.e164, check);
    }
  }
  return offline.map((check, index): NumberRow => {
    const submitError = submitErrors[check.input];
    if (submitError) return { ...check, index, state: "problem", problem: check.problem ?? "in_open_request", message: submitError };
    if (check.problem || !check.e164) return { ...check, index, state: "problem" };
    const verdict = fromServer.get(check.e164);
    if (!verdict) return { ...check, index, state: "checking" };
    if (verdict.problem) return { ...check, index, state: "problem", problem: verdict.problem, message: verdict.message };
    return { ...check, index, state: "ok" };
  });
}

// ---- documents ---------------------------------------------------------------------------------

export type ChosenDocument = { file: File; contentType: DocumentContentType };
export type ChosenDocuments = Partial<Record<DocumentKind, ChosenDocument>>;
export type DocumentErrors = Partial<Record<DocumentKind, string>>;

// ---- dates -------------------------------------------------------------------------------------

/** "2030-05-14T09:00:00Z" ⇄ { date: "2030-05-14", time: "09:00" }. */
export function splitUtcDateTime(value: unknown): { date: string; time: string } {
  if (typeof value !== "string") return { date: "", time: "" };
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return match ? { date: match[1] ?? "", time: match[2] ?? "" } : { date: "", time: "" };
}

export function joinUtcDateTime(date: string, time: string): string {
  return date && time ? `${date}T${time}:00Z` : "";
}

/** 06:00, 06:30, …, 20:00: the window in which a preferred-date port is picked up. */
export function portingTimes(earliestHour: number, latestHour: number): string[] {
  const times: string[] = [];
  for (let minutes = earliestHour * 60; minutes <= latestHour * 60; minutes += 30) {
    times.push(`${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
  }
  return times;
}

export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}
