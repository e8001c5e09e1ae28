/**
 * The browser's one reader of our JSON routes (same origin, cookies sent by
 * default). Callers name the route's exported response type; a refusal
 * becomes a thrown RouteError carrying the route's `error` code.
 */

export class RouteError extends Error {
  constructor(
    readonly status: number,
    /** The route's `error` code (`not_found:conversation`), or null when the body had none. */
    readonly reason: string | null,
  ) {
    super(reason ?? `request failed with ${status}`);
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  // Real-time events tell us data changed; a cached answer would undo that.
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" }, signal });
  if (!response.ok) throw new RouteError(response.status, await errorReason(response));
  return (await response.json()) as T;
}

async function errorReason(response: Response): Promise<string | null> {
  const body: unknown = await response.json().catch(() => null);
  return body && typeof body === "object" && "error" in body && typeof body.error === "string" ? body.error : null;
}

/** A refusal that asking again will not change: the member may not see it (404) or is signed out (401). */
export function isGone(error: unknown): boolean {
  return error instanceof RouteError && (error.status === 404 || error.status === 401);
}

/** Which translated message describes a failed load: a 404 and a lost session need their own words. */
export function loadErrorKey(error: unknown): "notFound" | "sessionExpired" | "loadError" {
  if (error instanceof RouteError && error.status === 404) return "notFound";
  if (error instanceof RouteError && error.status === 401) return "sessionExpired";
  return "loadError";
}
