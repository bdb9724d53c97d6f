// GET /api/v1/accounts/{id}/users — the account's users (support or the account's admin), newest first.
import { parseStrict } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { pageQuerySchema } from "@/lib/accounts/schemas";
import { listAccountUsers } from "@/lib/accounts/users";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  const page = await listAccountUsers(actor, id, parseStrict(pageQuerySchema.strict(), queryOf(request)));
  return json({ data: page.data.map(({ createdAt: _createdAt, ...user }) => user), nextCursor: page.nextCursor });
});
