/** GET helpers for the inbox JSON routes (same origin, cookies sent by default). */

export class InboxHttpError extends Error {
  constructor(readonly status: number) {
    super(`inbox request failed with ${status}`);
  }
}

export async function getJson<T>(url: string): Promise<T> {
  // Realtime events tell us data changed; a cached answer would undo that.
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) throw new InboxHttpError(response.status);
  return (await response.json()) as T;
}

/** Which translated message describes a failed load: a 404 and a lost session need their own words. */
export function loadErrorKey(error: unknown): "notFound" | "sessionExpired" | "loadError" {
  if (error instanceof InboxHttpError && error.status === 404) return "notFound";
  if (error instanceof InboxHttpError && error.status === 401) return "sessionExpired";
  return "loadError";
}
