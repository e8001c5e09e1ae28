import { graphRequest, type SentMessage } from "./graph-client";

/** A text parameter of a template component; `parameter_name` when the template's parameters are named. */
export type TextParameter = { type: "text"; text: string; parameter_name?: string };
/** A media header's parameter: `{ type: "image", image: { link } }` or `{ id }` (documents may add `filename`). */
export type MediaParameter = { type: "image" | "video" | "document"; [media: string]: unknown };
export type SendComponent =
  | { type: "header"; parameters: (TextParameter | MediaParameter)[] }
  | { type: "body"; parameters: TextParameter[] }
  | { type: "button"; sub_type: "url"; index: string; parameters: TextParameter[] };

/** The `template` object of POST /{phone-number-id}/messages. */
export type TemplateRequest = { name: string; language: { code: string }; components: SendComponent[] };

/** One template as GET /{waba-id}/message_templates returns it (the fields we ask for). */
export type GraphTemplate = {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameter_format?: string;
  components?: unknown[];
  rejected_reason?: string;
};

export type TemplatesPage = {
  data: unknown[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
};

export const TEMPLATE_FIELDS = "name,language,category,status,components,parameter_format,rejected_reason,id";
/** Templates asked for per page; Meta pages the edge by cursor. */
export const TEMPLATES_PAGE_SIZE = 100;

/**
 * One page of the WhatsApp Business Account's templates. The next page is
 * asked for with the `after` cursor on our own Graph URL rather than by
 * fetching `paging.next` as given: the access token then never goes to an
 * address taken from a response body.
 */
export function listTemplatesPage(accessToken: string, wabaId: string, after?: string): Promise<TemplatesPage> {
  return graphRequest<TemplatesPage>({
    accessToken,
    path: `${encodeURIComponent(wabaId)}/message_templates`,
    query: { fields: TEMPLATE_FIELDS, limit: String(TEMPLATES_PAGE_SIZE), ...(after ? { after } : {}) },
    timeoutMs: 20_000,
  });
}

/** POST /{phone-number-id}/messages with a template: accepted whether or not the 24-hour window is open. */
export function sendTemplateMessage(accessToken: string, phoneNumberId: string, message: { to: string; template: TemplateRequest }): Promise<SentMessage> {
  return graphRequest<SentMessage>({
    accessToken,
    path: `${encodeURIComponent(phoneNumberId)}/messages`,
    method: "POST",
    body: { messaging_product: "whatsapp", recipient_type: "individual", to: message.to, type: "template", template: message.template },
  });
}
