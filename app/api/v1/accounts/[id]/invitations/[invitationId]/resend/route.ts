// POST /api/v1/accounts/{id}/invitations/{invitationId}/resend — a new link by email, 7 more days; the old link stops working.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { invitationJson, resendInvitation } from "@/lib/accounts/invitations";

export const POST = route<"customer" | "support", { id: string; invitationId: string }>(
  { roles: ["customer", "support"] },
  async (_request, actor, { id, invitationId }) => json(invitationJson(await resendInvitation(actor, id, invitationId))),
);
