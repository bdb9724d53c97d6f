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
let reads = 0;

export function signInAs(actor: Actor | null): void {
  current = actor;
}

export function signOutAll(): void {
  current = null;
}

/** How many times a caller has been looked up so far. */
export function sessionReads(): number {
  return reads;
}

/**
 * Waits until the caller has been looked up `count` times in all. An action may await other work
 * before it reads its caller, so a test that signs in someone else for a second concurrent call
 * waits here first: otherwise the first call may read the second caller.
 */
export async function untilSessionReads(count: number): Promise<void> {
  await vi.waitFor(() => {
    if (reads < count) throw new Error(`caller looked up ${reads} of ${count} times`);
  });
}

function read(): Actor | null {
  reads += 1;
  return current;
}

export const sessionModule = {
  getSessionActor: vi.fn(async () => read()),
  requireSessionActor: vi.fn(async () => {
    const actor = read();
    if (!actor) throw new (await import("@/lib/errors")).UnauthorizedError();
    return actor;
  }),
};
