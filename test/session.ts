import { vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Server actions read the caller from the next-auth session cookie, which needs a live Next.js
// request. In integration tests only that cookie lookup is replaced: the real exported action,
// its wrapper, the domain verb and PostgreSQL all run as in production.
//
// Usage, at the top of a test file (vi.mock is hoisted):
//   vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);
//   import { signInAs, signOutAll } from "@/test/session";
let current: Actor | null = null;

export function signInAs(actor: Actor | null): void {
  current = actor;
}

export function signOutAll(): void {
  current = null;
}

export const sessionModule = {
  getSessionActor: vi.fn(async () => current),
  requireSessionActor: vi.fn(async () => {
    if (!current) throw new (await import("@/lib/errors")).UnauthorizedError();
    return current;
  }),
};
