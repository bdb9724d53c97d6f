// GET /api/v1/porting-requests/{id}/comments — the conversation, oldest first, paged (customers never see support's internal notes).
// POST /api/v1/porting-requests/{id}/comments — add a comment; support may also post an internal note or ask for information.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { AddCommentBody } from "@/lib/api/conversation-schemas";
import { json, queryOf } from "@/lib/api/json";
import { getDb } from "@/db";
import { route } from "@/lib/api/route";
import { ListQuery } from "@/lib/api/schemas";
import { getPortingRequestRowForActor } from "@/lib/porting/queries";
import { addComment } from "@/lib/porting/add-comment";
import { listComments } from "@/lib/porting/comments";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  const query = parseStrict(ListQuery, queryOf(request));
  const page = await listComments(actor, id, query);
  return json({ data: page.items, nextCursor: page.nextCursor });
});

export const POST = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  // Which request first: another account's id is a 404 whatever the body holds.
  await getPortingRequestRowForActor(getDb(), actor, id);
  const body = parseStrict(AddCommentBody, expectObject(await readJsonBody(request), '{ "body": "…" }'));
  const comment = await addComment(actor, id, body);
  return json(comment, { status: 201 });
});
