"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { config as zodConfig } from "zod/v4/core";
import { LiveUpdatesProvider } from "./shared/live-updates";

// The Content-Security-Policy allows no eval (proxy.ts). Zod's faster "JIT" parsers are built with
// `new Function`, and even its probe for that is reported as a CSP violation: use the plain parsers.
// Only zod's config is imported here: `import { z } from "zod"` in the root layout put all of zod
// (30 kB gzip) into every page's JavaScript, forms or not (bench:http measures it).
zodConfig({ jitless: true });

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
