import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { portingRequests, scheduledCompletions } from "@/db/schema";
import type { SupportActor } from "@/lib/auth/actor";
import { writeSchedule } from "@/lib/porting/schedule-completion";

// Scheduled completions in tests. The verb refuses moments outside 06:00–20:00 UTC, so a test that
// wants the worker to complete a request a few seconds from now (on the real clock) at any time of
// day writes the schedule the way the verb does, without that one rule.

export async function scheduleIn(support: Pick<SupportActor, "userId" | "name">, portingRequestId: string, ms: number): Promise<Date> {
  const at = new Date(Date.now() + ms);
  await getDb().transaction(async (tx) => {
    const [request] = await tx.select().from(portingRequests).where(eq(portingRequests.id, portingRequestId)).for("update");
    if (!request) throw new Error("no such request");
    await writeSchedule(tx, request, at, support);
  });
  return at;
}

export async function schedulesOf(portingRequestId: string) {
  return getDb().select().from(scheduledCompletions).where(eq(scheduledCompletions.portingRequestId, portingRequestId)).orderBy(scheduledCompletions.createdAt);
}

/** Tomorrow at `hour`:00 UTC: inside or outside the porting window, whatever the time now. */
export function tomorrowAtUtc(hour: number, minute = 0): Date {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(hour, minute, 0, 0);
  return d;
}
