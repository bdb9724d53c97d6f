import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { recordSignInFailure, recordSignInThrottled } from "@/lib/observability/metrics";
import { clientAddress } from "./client-address";
import { checkCredentials } from "./users";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

class TooManyAttempts extends CredentialsSignin {
  code = "locked";
}

// Sessions are JWTs that carry only the user id and the user's session version; the role, account
// and version are read fresh from the database on every request (lib/auth/session.ts), so a
// changed role takes effect at once and a disabled user or a bumped version ends the session.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        // The sign-in action and next-auth's own callback route both arrive here with the request.
        const result = await checkCredentials(parsed.data.email, parsed.data.password, clientAddress(request.headers));
        // The session version goes into the JWT; lib/auth/session.ts compares it on every request.
        if (result.ok) return { id: result.userId, sessionVersion: result.sessionVersion } as { id: string };
        // Counted for /api/metrics (voice_porting_sign_in_*): password guessing shows as a rate.
        if (result.reason === "locked") {
          recordSignInThrottled();
          throw new TooManyAttempts();
        }
        recordSignInFailure();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, sessionVersion: typeof token.sv === "number" ? token.sv : undefined };
    },
  },
});
