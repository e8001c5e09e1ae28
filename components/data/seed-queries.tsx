"use client";

import { hydrate, useQueryClient, type DehydratedState } from "@tanstack/react-query";
import { useState } from "react";

/**
 * Puts what a server component read into the browser's cache before the
 * children read it, so the page's HTML already shows the data and hydrates
 * without waiting for a fetch. Only entries the cache has no data for: a
 * cached entry was kept current by real-time events and may hold more pages
 * (older messages, more of the list) than the server read, so it must not be
 * replaced when the server renders again (HydrationBoundary would replace it).
 */
export function SeedQueries({ state, children }: { state: DehydratedState; children: React.ReactNode }) {
  const client = useQueryClient();
  // During the first render, as HydrationBoundary does for new entries: the children read the cache right after.
  useState(() => {
    const cache = client.getQueryCache();
    hydrate(client, { ...state, queries: state.queries.filter((query) => cache.get(query.queryHash)?.state.data === undefined) });
  });
  return children;
}
