import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { portingRequestComments, type PortingRequestComment } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { decodeCursor, encodeCursor } from "@/lib/shared/cursor";
import { getPortingRequestRowForActor } from "./queries";

// The conversation on a request, read (issue 14, item 3): comments of the customer and support,
// oldest first, keyset on (created_at, id) like every list. Internal notes are support's: the
// customer's query never selects them, so no serializer downstream can leak one by accident.

export type CommentAuthorRole = "customer" | "support";

export type CommentDto = {
  id: string;
  body: string;
  author: { role: CommentAuthorRole; name: string };
  /** Support only: never true in a customer's answer (a customer never receives internal notes). */
  internal: boolean;
  /** Support asked the customer for information with this comment. */
  asksForInformation: boolean;
  /** ISO 8601 UTC. */
  createdAt: string;
};

export const DEFAULT_COMMENTS_LIMIT = 50;

export function toCommentDto(row: PortingRequestComment): CommentDto {
  return {
    id: row.id,
    body: row.body,
    // The database allows `system` in actor_role; no comment is ever written as one.
    author: { role: row.authorRole === "support" ? "support" : "customer", name: row.authorName },
    internal: row.internal,
    asksForInformation: row.asksForInformation,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The customer's view of a conversation never includes support's internal notes. */
export function visibleTo(actor: Actor) {
  return actor.role === "support" ? undefined : eq(portingRequestComments.internal, false);
}

export async function listComments(
  actor: Actor,
  requestId: string,
  page: { limit?: number; cursor?: string | undefined } = {},
  db: Executor = getDb(),
): Promise<{ items: CommentDto[]; nextCursor: string | null }> {
  const request = await getPortingRequestRowForActor(db, actor, requestId);
  const limit = page.limit ?? DEFAULT_COMMENTS_LIMIT;
  const cursor = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = await db
    .select({
      comment: portingRequestComments,
      // PostgreSQL's own text of the timestamp (microseconds): see lib/shared/cursor.ts.
      createdAtText: sql<string>`to_char(${portingRequestComments.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(portingRequestComments)
    .where(
      and(
        eq(portingRequestComments.portingRequestId, request.id),
        visibleTo(actor),
        cursor
          ? sql`(${portingRequestComments.createdAt}, ${portingRequestComments.id}) > (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(portingRequestComments.createdAt), asc(portingRequestComments.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => toCommentDto(r.comment)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAtText, i: last.comment.id }) : null,
  };
}
