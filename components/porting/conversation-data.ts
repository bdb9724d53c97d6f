import { fetchJson } from "@/components/shared/fetch-json";
import type { CommentJson, RequestDocumentJson } from "@/lib/api/conversation-schemas";

// The conversation and the documents of a request, as the pages read them: the same JSON the API
// answers (GET …/comments, GET …/documents), kept fresh by react-query under these keys (the live
// updates invalidate them on porting_request.comment_added / document_added). Client-safe.

export type { CommentJson, RequestDocumentJson };

export const conversationKeys = {
  comments: (requestId: string) => ["porting-request-comments", requestId] as const,
  documents: (requestId: string) => ["porting-request-documents", requestId] as const,
};

type Page<T> = { data: T[]; nextCursor: string | null };

/** A conversation is short; read it whole (pages of 200, at most 2,000 messages). */
const MAX_PAGES = 10;

export async function fetchComments(requestId: string, signal?: AbortSignal): Promise<CommentJson[]> {
  const all: CommentJson[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: "200", ...(cursor ? { cursor } : {}) });
    const result: Page<CommentJson> = await fetchJson<Page<CommentJson>>(`/api/v1/porting-requests/${encodeURIComponent(requestId)}/comments?${query}`, signal);
    all.push(...result.data);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}

export async function fetchRequestDocuments(requestId: string, signal?: AbortSignal): Promise<RequestDocumentJson[]> {
  // A request holds at most 20 documents: one page.
  const result = await fetchJson<Page<RequestDocumentJson>>(`/api/v1/porting-requests/${encodeURIComponent(requestId)}/documents?limit=200`, signal);
  return result.data;
}

/** Documents added after the creation, for a timeline: the creation's own documents are part of "request created". */
export function documentAdditions(documents: readonly RequestDocumentJson[]): RequestDocumentJson[] {
  return documents.filter((d) => d.addedAfterCreation);
}
