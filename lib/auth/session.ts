import "server-only";
import { cache } from "react";
import { UnauthorizedError } from "@/lib/errors";
import type { Actor } from "./actor";
import { auth } from "./auth";
import { loadActor } from "./users";

/** The signed-in caller, or null. Cached per request: layouts and pages share one lookup. */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { userId?: string; sessionVersion?: number } | null;
  if (!session?.userId) return null;
  // Sessions issued before session versions existed carry none: they count as the first version.
  return loadActor(session.userId, session.sessionVersion ?? 1);
});

export async function requireSessionActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) throw new UnauthorizedError();
  return actor;
}
