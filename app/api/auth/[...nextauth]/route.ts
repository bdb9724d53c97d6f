// GET, POST /api/auth/* — next-auth's own routes (session, csrf, callback, signout).
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
