import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { companyProfiles, emailMessages, portingRequestComments, portingRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/env";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { currentRequestId } from "@/lib/observability/request-context";
import { parseInput } from "@/lib/shared/validation";
import { renderCommentEmail } from "./comment-email";
import { toCommentDto, type CommentDto } from "./comments";
import { addCommentSchema, type AddCommentInput } from "./conversation-schemas";
import { EMAIL_NOT_SENT, NOTIFY_CHANNEL } from "./outbox";
import { getPortingRequestRowForActor } from "./queries";
import { recordRequestEvent, REQUEST_EVENT_TYPES } from "./request-events";
import { isFinalStatus, statusLabel } from "./statuses";
import { allowedActions } from "./transitions";

// A comment on a porting request (issue 14, item 3). The conversation is not the status (DESIGN.md):
// nothing here touches the status, its history or `version`. In one transaction, with the comment:
//  - a customer's comment answers support's question (clears "waiting for you") and is unread for
//    support until a support agent opens the request or writes on it;
//  - support's question marks the request "waiting for you" until the customer's next comment;
//  - a support comment is emailed to the company profile's addresses through the outbox;
//  - every comment the customer may see is an account event (porting_request.comment_added), and
//    never a delivery to the request's callback URL, which carries status changes only.
// An internal note (support only) is none of these but the row itself: no email, no event, and no
// customer query selects it (lib/porting/comments.ts).

export async function addComment(actor: Actor, requestId: string, input: AddCommentInput, db: Db = getDb()): Promise<CommentDto> {
  const data = parseInput(addCommentSchema, input);
  if (actor.role !== "support" && data.internal) throw new ForbiddenError("Internal notes are for support staff only.");
  if (actor.role !== "support" && data.asksForInformation) throw new ForbiddenError("Only support asks for information.");
  if (data.internal && data.asksForInformation) {
    // A question the customer cannot see would wait for an answer forever.
    throw new ConflictError("An internal note cannot ask the customer for information: the customer never sees it.");
  }

  return db.transaction(async (tx) => {
    const request = await getPortingRequestRowForActor(tx, actor, requestId);
    if (data.asksForInformation && isFinalStatus(request.status)) {
      throw new ConflictError(`${request.reference} is ${statusLabel(request.status)}: nothing waits for the customer's answer any more. Write a comment instead.`, {
        currentStatus: request.status,
        allowedActions: allowedActions(request, actor.role),
        version: request.version,
      });
    }

    const [row] = await tx
      .insert(portingRequestComments)
      .values({
        portingRequestId: request.id,
        accountId: request.accountId,
        authorUserId: actor.userId,
        authorRole: actor.role,
        authorName: actor.name,
        body: data.body,
        internal: data.internal,
        asksForInformation: data.asksForInformation,
      })
      .returning();
    if (!row) throw new Error("addComment: insert returned no row");
    const comment = toCommentDto(row);

    await tx
      .update(portingRequests)
      .set(
        actor.role === "customer"
          ? { waitingForCustomerSince: null, supportUnreadComments: sql`${portingRequests.supportUnreadComments} + 1` }
          : data.asksForInformation
            ? { supportUnreadComments: 0, waitingForCustomerSince: sql`coalesce(${portingRequests.waitingForCustomerSince}, now())` }
            : // Support writing on the request has read what the customer wrote.
              { supportUnreadComments: 0 },
      )
      .where(eq(portingRequests.id, request.id));

    if (data.internal) return comment;

    await recordRequestEvent(tx, {
      type: REQUEST_EVENT_TYPES.commentAdded,
      accountId: request.accountId,
      portingRequestId: request.id,
      reference: request.reference,
      comment,
    });

    if (actor.role === "support") {
      const [profile] = await tx
        .select({ name: companyProfiles.name, recipients: companyProfiles.notificationEmails })
        .from(companyProfiles)
        .where(eq(companyProfiles.id, request.companyProfileId))
        .limit(1);
      const recipients = [...new Set((profile?.recipients ?? []).map((r) => r.trim()).filter(Boolean))];
      const email = renderCommentEmail({
        requestId: request.id,
        reference: request.reference,
        body: comment.body,
        authorName: comment.author.name,
        asksForInformation: comment.asksForInformation,
        companyProfileName: profile?.name ?? "",
        appUrl: appUrl(),
      });
      await tx.insert(emailMessages).values({
        kind: "comment",
        requestId: currentRequestId(),
        portingRequestId: request.id,
        commentId: comment.id,
        recipients,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
        ...(recipients.length === 0 ? { state: "not_sent" as const, lastError: EMAIL_NOT_SENT.noRecipients } : {}),
      });
      await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${request.id})`);
    }
    return comment;
  });
}
