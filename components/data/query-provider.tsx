"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouteError } from "./get-json";

/** A refusal (4xx) is an answer; only a network failure or a server error is worth one more try. */
function retryOnce(failureCount: number, error: unknown): boolean {
  return failureCount < 1 && !(error instanceof RouteError && error.status < 500);
}

function makeClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Real-time events patch or invalidate what changed, and a reconnection
        // invalidates everything: refetching on focus would only repeat requests.
        refetchOnWindowFocus: false,
        retry: retryOnce,
      },
    },
  });
}

/** The browser's one data cache (TanStack Query), shared by every screen of the dashboard for the tab's lifetime. */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(makeClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
