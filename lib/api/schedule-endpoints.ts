import { EXAMPLE_REQUEST_ID, portingRequestExample } from "./examples";
import { ScheduleCompletionBody } from "./schedule-schemas";
import { PortingRequest, type PortingRequestJson } from "./schemas";
import type { Endpoint } from "./openapi";

// Confirming a porting moment (issue 14 item 5), spread into ENDPOINTS by lib/api/openapi.ts.
// Support only, like POST …/transitions: outside NL support completes a request, and may agree the
// moment with the current provider instead of completing it by hand.

const AUTH_ERRORS = [401, 429] as const;
const idParam = [
  { name: "id", description: "The porting request's id (a UUID). An id that is not a UUID, or of no request, is a 404.", example: EXAMPLE_REQUEST_ID },
];

const inProgressGerman: PortingRequestJson = {
  ...portingRequestExample,
  reference: "PR-000124",
  status: "in_progress",
  statusLabel: "In progress",
  statusReason: "Checking with Deutsche Telekom.",
  country: "DE",
  phoneNumbers: [{ number: "+493012345678", type: "geographic" }],
  currentProvider: "Deutsche Telekom",
  preferredPortingDate: "2026-05-14T09:00:00.000Z",
  contractScenario: null,
  callbackUrl: null,
  allowedActions: ["reject", "complete"],
  history: [
    { ...portingRequestExample.history[0]!, actor: { role: "customer", name: "Jonas Weber" } },
    {
      from: "requested",
      to: "in_progress",
      reason: "Checking with Deutsche Telekom.",
      firstPossiblePortingDate: null,
      actor: { role: "support", name: "Sam Support" },
      at: "2026-05-04T10:02:11.004Z",
    },
  ],
  accountName: "Globex GmbH",
  version: 2,
  updatedAt: "2026-05-04T10:02:11.004Z",
  statusChangedAt: "2026-05-04T10:02:11.004Z",
};

export const scheduledPortingRequestExample: PortingRequestJson = {
  ...inProgressGerman,
  scheduledPortingAt: "2026-05-14T09:00:00.000Z",
  version: 3,
  updatedAt: "2026-05-06T11:40:00.000Z",
};

export const SCHEDULE_ENDPOINTS: readonly Endpoint[] = [
  {
    method: "post",
    path: "/porting-requests/{id}/schedule",
    operationId: "schedulePortingRequestCompletion",
    tag: "Support",
    summary: "Confirm the porting moment (support)",
    description:
      "Support keys only. Outside NL, while a request is In progress (exactly when support may complete it), confirms the moment agreed with the current provider: often the customer's `preferredPortingDate`, or another moment between 06:00 and 20:00 UTC, in the future. The request shows it as `scheduledPortingAt` and completes by itself at that moment (numbers assigned, the Completed email and callback), once, however many workers run. Posting again replaces the moment. Completing the request by hand earlier (POST …/transitions `to: completed`) still works and ends the schedule, as does any other status change. Not a status change itself: no email or callback. NL requests (the customer performs the porting) and other statuses are a 409; a moment outside the window, past, or more than a year ahead is a 422 naming `portingAt`.",
    roles: ["support"],
    pathParams: idParam,
    body: { schema: ScheduleCompletionBody, required: true, example: { portingAt: "2026-05-14T09:00:00Z" } },
    success: { status: 200, description: "The request, with its `scheduledPortingAt`.", schema: PortingRequest, example: scheduledPortingRequestExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 409, 413, 415, 422],
  },
  {
    method: "delete",
    path: "/porting-requests/{id}/schedule",
    operationId: "cancelScheduledCompletion",
    tag: "Support",
    summary: "Take back the porting moment (support)",
    description:
      "Support keys only. The confirmed moment is dropped: the request stays In progress, `scheduledPortingAt` is null, nothing completes by itself. A request without a confirmed moment is a 409.",
    roles: ["support"],
    pathParams: idParam,
    success: { status: 200, description: "The request, without a `scheduledPortingAt`.", schema: PortingRequest, example: inProgressGerman },
    errors: [...AUTH_ERRORS, 403, 404, 409],
  },
];
