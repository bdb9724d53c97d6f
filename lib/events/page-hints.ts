import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { DELIVERIES_CHANNEL, type PageHint } from "./types";

/**
 * Tells open pages, when the caller's transaction commits, that something changed that is not an
 * event (lib/events/types.ts, PAGE_HINTS): they refetch what it concerns. Nothing is kept; a page
 * that misses it refetches everything on screen when its stream opens again.
 */
export async function hintPages(tx: Executor, hint: { accountId: string; portingRequestId: string | null; kind: PageHint }): Promise<void> {
  await tx.execute(sql`select pg_notify(${DELIVERIES_CHANNEL}, ${`${hint.accountId}:${hint.portingRequestId ?? ""}:${hint.kind}`})`);
}
