// PATCH /api/v1/accounts/{id}/users/{userId} — change a user's role or disable/enable them (409 when no enabled admin would be left).
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { updateAccountUserSchema } from "@/lib/accounts/schemas";
import { updateAccountUser } from "@/lib/accounts/users";

export const PATCH = route<"customer" | "support", { id: string; userId: string }>(
  { roles: ["customer", "support"] },
  async (request, actor, { id, userId }) => {
    const body = expectObject(await readJsonBody(request), '{ "role": "admin" } or { "disabled": true }');
    const { createdAt: _createdAt, ...user } = await updateAccountUser(actor, id, userId, parseStrict(updateAccountUserSchema, body));
    return json(user);
  },
);
