import "server-only";
import { cache } from "react";
import type { CustomerActor } from "@/lib/auth/actor";
import { getCompanyProfile } from "@/lib/company-profiles/get-company-profile";
import { orNotFound } from "../../or-not-found";

// Shared by the profile's pages and their metadata (one read per request); a foreign id is a 404.
export const loadCompanyProfile = cache((actor: CustomerActor, id: string) => orNotFound(getCompanyProfile(actor, id)));
