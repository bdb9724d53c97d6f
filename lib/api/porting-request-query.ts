import "server-only";
import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { numberCandidates, normaliseReference, type PortingRequestListFilters } from "@/lib/porting/queries";
import type { ListPortingRequestsQuery } from "./schemas";

// The request list's query string → the list's filters. A value that can never match (a number
// nobody can read, a reference that is not one) is a 422 naming the parameter, not an empty page:
// an integrator's typo should not look like "no such requests".

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

type ListQuery = z.output<typeof ListPortingRequestsQuery>;
export type PortingRequestCriteria = Omit<PortingRequestListFilters, "limit" | "cursor">;

/** The list's page: its criteria plus the page size and cursor. */
export function portingRequestFilters(query: ListQuery): PortingRequestListFilters {
  return { ...portingRequestCriteria(query), cursor: query.cursor, limit: query.limit };
}

/** Which requests, without paging: what the list and the export share. */
export function portingRequestCriteria(query: Omit<ListQuery, "limit" | "cursor">): PortingRequestCriteria {
  const errors: FieldErrors = {};
  const filters: PortingRequestCriteria = {
    status: query.status,
    country: query.country,
    q: query.q,
    currentProvider: query.currentProvider,
    companyProfileId: query.companyProfileId,
    sandbox: query.sandbox === undefined ? undefined : query.sandbox === "true",
  };

  if (query.number !== undefined) {
    const numbers = numberCandidates(query.number, query.country);
    if (numbers.length === 0) {
      errors.number = [
        `“${query.number}” is not a phone number we can read${query.country ? ` in ${query.country}` : ""}: write it in international format, such as +31 20 123 4567.`,
      ];
    }
    filters.numbers = numbers;
  }

  if (query.reference !== undefined) {
    const reference = normaliseReference(query.reference);
    if (!reference) errors.reference = ["A reference looks like PR-000123 (or pr123, or 123)."];
    else filters.reference = reference;
  }

  if (query.createdFrom !== undefined) {
    filters.createdFrom = new Date(DATE_ONLY.test(query.createdFrom) ? `${query.createdFrom}T00:00:00Z` : query.createdFrom);
  }
  if (query.createdTo !== undefined) {
    if (DATE_ONLY.test(query.createdTo)) {
      // A date means the whole day (UTC): before the start of the next one.
      filters.createdBefore = new Date(new Date(`${query.createdTo}T00:00:00Z`).getTime() + DAY_MS);
    } else {
      filters.createdUntil = new Date(query.createdTo);
    }
  }
  const to = filters.createdBefore ?? filters.createdUntil;
  if (filters.createdFrom && to && filters.createdFrom.getTime() >= to.getTime() + (filters.createdUntil ? 1 : 0)) {
    errors.createdTo = ["createdTo must not be before createdFrom."];
  }

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return filters;
}
