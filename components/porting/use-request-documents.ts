"use client";

import { useQuery } from "@tanstack/react-query";
import { POLL_INTERVAL_MS } from "@/components/shared/fetch-json";
import { conversationKeys, fetchRequestDocuments, type RequestDocumentJson } from "./conversation-data";

/**
 * A request's documents, live: the documents card and the timeline read the same query, started
 * from the server-rendered list (so the first HTML holds them) and refreshed without a reload.
 */
export function useRequestDocuments(requestId: string, initial: RequestDocumentJson[], renderedAt: number) {
  return useQuery({
    queryKey: conversationKeys.documents(requestId),
    queryFn: ({ signal }) => fetchRequestDocuments(requestId, signal),
    initialData: initial,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: POLL_INTERVAL_MS,
  });
}
