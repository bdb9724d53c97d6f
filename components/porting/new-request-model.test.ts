import { describe, expect, test } from "vitest";
import type { NumberCheck } from "@/lib/porting/numbers";
import {
  firstStepWithError,
  joinUtcDateTime,
  mergeNumberChecks,
  portingTimes,
  splitUtcDateTime,
  stepIndex,
  stepOfErrorKey,
} from "./new-request-model";

describe("server field errors find their step", () => {
  test("each key of the create verb maps to the step that owns the field", () => {
    expect(stepOfErrorKey("country")).toBe(stepIndex("country"));
    expect(stepOfErrorKey("numberType")).toBe(stepIndex("country"));
    expect(stepOfErrorKey("companyProfileId")).toBe(stepIndex("profile"));
    expect(stepOfErrorKey("phoneNumbers")).toBe(stepIndex("numbers"));
    expect(stepOfErrorKey("phoneNumbers.12")).toBe(stepIndex("numbers"));
    expect(stepOfErrorKey("preferredPortingDate")).toBe(stepIndex("details"));
    expect(stepOfErrorKey("callbackUrl")).toBe(stepIndex("details"));
    expect(stepOfErrorKey("documents.letter_of_authorisation")).toBe(stepIndex("documents"));
    expect(stepOfErrorKey("")).toBe(stepIndex("review"));
  });

  test("the first step with an error is the one to open", () => {
    expect(firstStepWithError(["callbackUrl", "phoneNumbers.2", "documents.invoice"])).toBe(stepIndex("numbers"));
    expect(firstStepWithError([])).toBeNull();
  });
});

describe("mergeNumberChecks", () => {
  const ok = (input: string, e164: string): NumberCheck => ({ input, e164, type: "geographic", message: e164 });

  test("the browser's problems stand; the server adds database problems by number; unseen numbers are still checking", () => {
    const offline: NumberCheck[] = [
      ok("020 123 4567", "+31201234567"),
      { input: "12345", problem: "invalid", message: '"12345" is not a phone number.' },
      ok("020 765 4321", "+31207654321"),
      ok("020 111 2222", "+31201112222"),
    ];
    const server: NumberCheck[] = [
      ok("+31 20 123 4567", "+31201234567"),
      { ...ok("020 765 4321", "+31207654321"), problem: "in_open_request", message: '"020 765 4321" is already in open porting request PR-000001.' },
    ];
    const rows = mergeNumberChecks(offline, server);
    expect(rows.map((r) => [r.index, r.state, r.problem ?? null])).toEqual([
      [0, "ok", null],
      [1, "problem", "invalid"],
      [2, "problem", "in_open_request"],
      [3, "checking", null],
    ]);
    expect(rows[2]?.message).toContain("PR-000001");
  });

  test("an error the server gave at submit is shown on the number as it was sent", () => {
    const rows = mergeNumberChecks([ok("020 123 4567", "+31201234567")], undefined, { "020 123 4567": "Just added to another request." });
    expect(rows[0]).toMatchObject({ state: "problem", message: "Just added to another request." });
  });
});

describe("preferred date helpers", () => {
  test("date and UTC time join into the ISO value the schema takes, and split back", () => {
    expect(joinUtcDateTime("2031-03-14", "09:30")).toBe("2031-03-14T09:30:00Z");
    expect(joinUtcDateTime("", "09:30")).toBe("");
    expect(splitUtcDateTime("2031-03-14T09:30:00Z")).toEqual({ date: "2031-03-14", time: "09:30" });
    expect(splitUtcDateTime(null)).toEqual({ date: "", time: "" });
  });

  test("the time choices are the 06:00–20:00 UTC window in half hours", () => {
    const times = portingTimes(6, 20);
    expect(times[0]).toBe("06:00");
    expect(times.at(-1)).toBe("20:00");
    expect(times).toHaveLength(29);
  });
});
