import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/**
 * For the pages of one thing (a profile, a group): a foreign, unknown or malformed id becomes
 * notFound() before anything streams, so the answer is an HTTP 404; anything else is thrown on.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
