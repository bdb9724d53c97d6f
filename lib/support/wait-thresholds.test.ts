import { expect, test } from "vitest";
import { addBusinessDays, formatWait, waitState } from "./wait-thresholds";

const at = (iso: string) => new Date(iso).getTime();

test("Requested is overdue after one business day: a Friday request is due on Monday", () => {
  const friday = "2030-05-10T16:00:00.000Z";
  expect(addBusinessDays(new Date(friday), 1).toISOString()).toBe("2030-05-13T16:00:00.000Z");
  const item = { status: "requested" as const, statusChangedAt: friday, firstPossiblePortingDate: null };
  expect(waitState(item, at("2030-05-12T23:00:00Z")).overdue).toBe(false); // Sunday night
  expect(waitState(item, at("2030-05-13T16:00:01Z")).overdue).toBe(true);
});

test("In progress after 5 days and Ready to be ported after 3 days are overdue", () => {
  const since = "2030-05-01T10:00:00.000Z";
  expect(waitState({ status: "in_progress", statusChangedAt: since, firstPossiblePortingDate: null }, at("2030-05-06T09:59:00Z")).overdue).toBe(false);
  expect(waitState({ status: "in_progress", statusChangedAt: since, firstPossiblePortingDate: null }, at("2030-05-06T10:01:00Z")).overdue).toBe(true);
  expect(waitState({ status: "ready_to_be_ported", statusChangedAt: since, firstPossiblePortingDate: null }, at("2030-05-04T10:01:00Z")).overdue).toBe(true);
});

test("Delayed is overdue once its first possible porting date has passed (in Amsterdam)", () => {
  const item = { status: "delayed" as const, statusChangedAt: "2030-04-01T10:00:00.000Z", firstPossiblePortingDate: "2030-05-20" };
  expect(waitState(item, at("2030-05-20T21:00:00Z")).overdue).toBe(false); // 23:00 on the 20th in Amsterdam
  expect(waitState(item, at("2030-05-20T22:30:00Z")).overdue).toBe(true); // 00:30 on the 21st
});

test("finished requests are never overdue", () => {
  for (const status of ["completed", "blocked", "cancelled"] as const) {
    expect(waitState({ status, statusChangedAt: "2000-01-01T00:00:00Z", firstPossiblePortingDate: null }, Date.now())).toEqual({ overdue: false, threshold: null });
  }
});

test("waits read as minutes, hours, then days", () => {
  const now = at("2030-05-10T12:00:00Z");
  expect(formatWait("2030-05-10T11:59:30Z", now)).toBe("under 1 min");
  expect(formatWait("2030-05-10T11:48:00Z", now)).toBe("12 min");
  expect(formatWait("2030-05-09T07:00:00Z", now)).toBe("29 h");
  expect(formatWait("2030-05-07T11:00:00Z", now)).toBe("3 days");
});

test("In progress with an agreed date counts from that date: never overdue before it, overdue an hour after it (issue 14 item 5)", () => {
  const since = "2030-05-01T10:00:00.000Z";
  const preferred = { status: "in_progress" as const, statusChangedAt: since, firstPossiblePortingDate: null, preferredPortingDate: "2030-05-20T09:00:00.000Z" };
  // Three weeks in progress, but the customer asked for the 20th: not overdue.
  expect(waitState(preferred, at("2030-05-19T12:00:00Z")).overdue).toBe(false);
  expect(waitState(preferred, at("2030-05-20T09:59:00Z")).overdue).toBe(false);
  expect(waitState(preferred, at("2030-05-20T10:01:00Z")).overdue).toBe(true);
  // The moment support confirmed wins over the preferred one.
  const confirmed = { ...preferred, scheduledPortingAt: "2030-05-22T14:00:00.000Z" };
  expect(waitState(confirmed, at("2030-05-21T12:00:00Z")).overdue).toBe(false);
  expect(waitState(confirmed, at("2030-05-22T15:00:01Z"))).toMatchObject({ overdue: true, threshold: { kind: "past_agreed_date" } });
  // Without a date the five days apply as before; Requested keeps its business day whatever the date.
  expect(waitState({ ...preferred, preferredPortingDate: null }, at("2030-05-06T10:01:00Z")).overdue).toBe(true);
  expect(waitState({ ...preferred, status: "requested" }, at("2030-05-03T10:01:00Z")).overdue).toBe(true);
});
