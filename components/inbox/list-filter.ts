/** The list's filters live in the URL (?scope=&status=&q=) so a reload or a shared link keeps them. */

export const SCOPES = ["all", "mine", "unassigned"] as const;
export const STATUSES = ["open", "resolved", "all"] as const;

export type ListFilter = { scope: (typeof SCOPES)[number]; status: (typeof STATUSES)[number]; q: string };

/** What a bare /inbox shows: everything still waiting for an answer. */
export const DEFAULT_FILTER: ListFilter = { scope: "all", status: "open", q: "" };

function pick<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function readFilter(params: URLSearchParams | { get(name: string): string | null }): ListFilter {
  return {
    scope: pick(SCOPES, params.get("scope"), DEFAULT_FILTER.scope),
    status: pick(STATUSES, params.get("status"), DEFAULT_FILTER.status),
    q: (params.get("q") ?? "").trim(),
  };
}

/** Query string for a filter; defaults are left out so the plain /inbox URL stays plain. */
export function filterQuery(filter: ListFilter): string {
  const params = new URLSearchParams();
  if (filter.scope !== DEFAULT_FILTER.scope) params.set("scope", filter.scope);
  if (filter.status !== DEFAULT_FILTER.status) params.set("status", filter.status);
  if (filter.q) params.set("q", filter.q);
  const query = params.toString();
  return query ? `?${query}` : "";
}
