"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { LiveUpdatesProvider } from "./shared/live-updates";
// Before any form's zod parses: no eval under the Content-Security-Policy (see the file).
import "./shared/zod-jitless";

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; pages hand it their server-rendered data as initialData.
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <LiveUpdatesProvider>{children}</LiveUpdatesProvider>
    </QueryClientProvider>
  );
}
