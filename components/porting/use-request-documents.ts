"use client";

import { useQuery } from "@tanstack/react-query";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { conversationKeys, fetchRequestDocuments, type RequestDocumentJson } from "./conversation-data";

/**
 * A request's documents, live: the documents card and the timeline read the same query, started
 * from the server-rendered list (so the first HTML holds them) and refreshed without a reload
 * (porting_request.document_added events invalidate it; components/shared/live-updates.tsx).
 */
export function useRequestDocuments(requestId: string, initial: RequestDocumentJson[], renderedAt: number) {
  const refetchInterval = useLivePollInterval();
  return useQuery({
    queryKey: conversationKeys.documents(requestId),
    queryFn: ({ signal }) => fetchRequestDocuments(requestId, signal),
    initialData: initial,
    initialDataUpdatedAt: renderedAt,
    refetchInterval,
  });
}
