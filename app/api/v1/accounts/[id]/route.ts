// GET /api/v1/accounts/{id} — one account: support any, a customer only its own (else 404).
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { getAccount } from "@/lib/accounts/accounts";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (_request, actor, { id }) => {
  return json(await getAccount(actor, id));
});
