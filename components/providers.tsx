"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { z } from "zod";

// The Content-Security-Policy allows no eval (proxy.ts). Zod's faster "JIT" parsers are built with
// `new Function`, and even its probe for that is reported as a CSP violation: use the plain parsers.
z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; pages hand it their server-rendered data as initialData.
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
