import "server-only";
import { dehydrate, QueryClient, type DehydratedState, type QueryKey } from "@tanstack/react-query";

/**
 * What a server component read, under the query keys the browser's hooks
 * read it from, for <SeedQueries>. Each entry's data must have the shape the
 * hook caches (an infinite query's is `{ pages, pageParams }`).
 */
export function serverQueryState(entries: { queryKey: QueryKey; data: unknown }[]): DehydratedState {
  // One client per call: a server never shares cached data between requests (or members).
  const client = new QueryClient();
  for (const { queryKey, data } of entries) client.setQueryData(queryKey, data);
  return dehydrate(client);
}
