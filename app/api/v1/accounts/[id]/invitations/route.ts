// POST /api/v1/accounts/{id}/invitations — invite a person by email (support or the account's admin).
// GET /api/v1/accounts/{id}/invitations — the account's open invitations.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { createInvitation, invitationJson, listInvitations } from "@/lib/accounts/invitations";
import { createInvitationSchema } from "@/lib/accounts/schemas";

export const POST = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  const body = expectObject(await readJsonBody(request), '{ "email": "ines@example.com", "name": "Ines", "role": "member" }');
  const invitation = await createInvitation(actor, id, parseStrict(createInvitationSchema.strict(), body));
  return json(invitationJson(invitation), { status: 201 });
});

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (_request, actor, { id }) => {
  return json({ data: (await listInvitations(actor, id)).map(invitationJson), nextCursor: null });
});
