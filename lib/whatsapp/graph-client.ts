import { env } from "@/lib/env";

/** A failure the Graph API explained: its own message and codes, shown to the admin in words. */
export class GraphApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
    readonly subcode?: number,
  ) {
    super(message);
  }
}

type GraphErrorBody = { error?: { message?: string; code?: number; error_subcode?: number } };

export type GraphRequest = {
  accessToken: string;
  path: string;
  method?: "GET" | "POST";
  query?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
};

/** One call to the Graph API (WHATSAPP_GRAPH_URL), JSON in and out; errors become GraphApiError. */
export async function graphRequest<T>(request: GraphRequest): Promise<T> {
  const url = new URL(`${env().WHATSAPP_GRAPH_URL.replace(/\/$/, "")}/${request.path.replace(/^\//, "")}`);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? "GET",
      headers: {
        authorization: `Bearer ${request.accessToken}`,
        ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw new GraphApiError(timedOut ? "timeout" : "network", 0);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = {};
  }
  if (!response.ok) {
    const graphError = (json as GraphErrorBody).error;
    throw new GraphApiError(graphError?.message ?? `HTTP ${response.status}`, response.status, graphError?.code, graphError?.error_subcode);
  }
  return json as T;
}

export type PhoneNumberInfo = { id: string; verified_name?: string; display_phone_number?: string; quality_rating?: string };

export function getPhoneNumber(accessToken: string, phoneNumberId: string): Promise<PhoneNumberInfo> {
  return graphRequest<PhoneNumberInfo>({
    accessToken,
    path: encodeURIComponent(phoneNumberId),
    query: { fields: "id,verified_name,display_phone_number,quality_rating" },
  });
}
