import { z } from "zod";
import { PORTING_MOMENT_FORMAT } from "@/lib/porting/scheduling";
import { requestComponents } from "./schemas";

// The REST API's contract for confirming a porting moment (issue 14 item 5), registered with the
// registries of lib/api/schemas.ts so the OpenAPI document is generated from it. Client-safe.

export const ScheduleCompletionBody = z
  .strictObject({
    portingAt: z.iso
      .datetime({ offset: true, error: PORTING_MOMENT_FORMAT })
      .describe(
        "The porting moment agreed with the current provider: ISO 8601 (an offset is converted to UTC), between 06:00 and 20:00 UTC, in the future, within a year. Often the request's `preferredPortingDate`.",
      ),
  })
  .describe("Confirm the moment a non-NL request In progress is completed.");

requestComponents.add(ScheduleCompletionBody, { id: "ScheduleCompletion" });
