import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { CustomerActor } from "@/lib/auth/actor";
import { getCompanyProfile } from "@/lib/company-profiles/get-company-profile";
import { NotFoundError } from "@/lib/errors";

// Shared by the profile's pages and their metadata (one read per request). A foreign, unknown or
// malformed id is notFound() before anything streams, so the answer is an HTTP 404.
export const loadCompanyProfile = cache(async (actor: CustomerActor, id: string) => {
  try {
    return await getCompanyProfile(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
