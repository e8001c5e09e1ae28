import { env } from "@/lib/env";

/** A failure the Graph API explained: its own message and codes, shown to the admin in words. */
export class GraphApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
    readonly subcode?: number,
    /** Meta's longer explanation (`error_data.details`), when it gives one. */
    readonly details?: string,
  ) {
    super(message);
  }
}

type GraphErrorBody = {
  error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } | string };
};

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
    const details = typeof graphError?.error_data === "object" ? graphError.error_data.details : undefined;
    throw new GraphApiError(
      graphError?.message ?? `HTTP ${response.status}`,
      response.status,
      graphError?.code,
      graphError?.error_subcode,
      details,
    );
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

export type SentMessage = { messaging_product: "whatsapp"; contacts?: { input: string; wa_id: string }[]; messages: { id: string }[] };

/** POST /{phone-number-id}/messages with a free-form text (only accepted inside the 24-hour window). */
export function sendTextMessage(
  accessToken: string,
  phoneNumberId: string,
  message: { to: string; body: string },
): Promise<SentMessage> {
  return graphRequest<SentMessage>({
    accessToken,
    path: `${encodeURIComponent(phoneNumberId)}/messages`,
    method: "POST",
    body: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: message.to,
      type: "text",
      text: { body: message.body, preview_url: false },
    },
  });
}

export type MediaInfo = { url: string; mime_type?: string; sha256?: string; file_size?: number | string; id: string };

/** GET /{media-id}: a short-lived download URL (about 5 minutes) for media a customer sent. */
export function getMediaInfo(accessToken: string, mediaId: string): Promise<MediaInfo> {
  return graphRequest<MediaInfo>({ accessToken, path: encodeURIComponent(mediaId) });
}

/**
 * Downloads the bytes behind a media URL from getMediaInfo. Meta answers only
 * with the same bearer token; the caller streams the body on. Failures become
 * GraphApiError like the JSON calls.
 */
export async function downloadMedia(accessToken: string, url: string, timeoutMs = 15_000): Promise<Response> {
  // The timeout covers waiting for the answer only: a large video may take longer than that to stream.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` }, signal: controller.signal });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw new GraphApiError(timedOut ? "timeout" : "network", 0);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new GraphApiError(`media download: HTTP ${response.status}`, response.status);
  }
  return response;
}
