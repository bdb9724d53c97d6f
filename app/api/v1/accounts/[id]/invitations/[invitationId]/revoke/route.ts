// POST /api/v1/accounts/{id}/invitations/{invitationId}/revoke — the link stops working at once.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { revokeInvitation } from "@/lib/accounts/invitations";

export const POST = route<"customer" | "support", { id: string; invitationId: string }>(
  { roles: ["customer", "support"] },
  async (_request, actor, { id, invitationId }) => json(await revokeInvitation(actor, id, invitationId)),
);
