/**
 * The Graph API fake's message templates: GET /{waba-id}/message_templates
 * with Meta's cursor paging, and the checks Meta makes on
 * POST /{phone-number-id}/messages with `type: "template"`, answering its
 * error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 * Written apart from lib/templates on purpose: a fake reusing the code under
 * test would agree with its mistakes.
 */

type MetaError = { status: number; code: number; message: string; type?: string; details?: string };

export type FakeTemplate = {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameter_format?: "POSITIONAL" | "NAMED";
  components: Record<string, unknown>[];
  rejected_reason?: string;
};

export type TemplatesFake = {
  /** The templates GET /{wabaId}/message_templates lists (and sends are checked against). */
  set(wabaId: string, templates: FakeTemplate[]): void;
  /** Caps the page size below the `limit` asked for (Meta caps it too), to make several pages. */
  setPageSize(size: number): void;
  /** Makes page `page` (1-based) of every listing answer `error`; null stops it. */
  failPage(page: number | null, error?: MetaError): void;
};

export type TemplatesFakeInternals = TemplatesFake & {
  /** The listing's answer, or null when the path is not a known account's templates edge. */
  answerList(method: string, id: string | undefined, edge: string | undefined, url: URL, origin: string): { body: unknown } | { error: MetaError } | null;
  /** Meta's refusal of a template send, or null when it is not a template or Meta would accept it. */
  refuseSend(body: unknown): MetaError | null;
};

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function variables(text: unknown): string[] {
  return typeof text === "string" ? [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))] : [];
}

const error = (code: number, message: string, details: string): MetaError => ({ status: 400, code, type: "OAuthException", message, details });

export const TEMPLATE_ERRORS = {
  missing: (name: string, language: string) =>
    error(132001, "(#132001) Template name does not exist in the translation", `template name (${name}) does not exist in ${language}`),
  paused: () => error(132015, "(#132015) Template is Paused", "Template is paused due to low quality so it cannot be sent in a template message."),
  disabled: () => error(132016, "(#132016) Template is disabled", "Template has been paused too many times due to low quality and is now permanently disabled."),
  paramCount: (component: string, got: number, expected: number) =>
    error(132000, "(#132000) Number of parameters does not match the expected number of params", `${component}: number of localizable_params (${got}) does not match the expected number of params (${expected})`),
  paramFormat: (details: string) => error(132012, "(#132012) Parameter format does not match format in the created template", details),
  rateLimited: (): MetaError => ({ status: 400, code: 130429, type: "OAuthException", message: "(#130429) Rate limit hit", details: "Cloud API message throughput has been reached." }),
  pairRateLimited: (): MetaError => ({ status: 400, code: 131056, type: "OAuthException", message: "(#131056) (Business Account, Consumer Account) pair rate limit hit", details: "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time." }),
  undeliverable: (): MetaError => ({ status: 400, code: 131026, type: "OAuthException", message: "(#131026) Message Undeliverable", details: "Message failed to send because the recipient is not on WhatsApp." }),
};

function encodeCursor(offset: number) {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}
function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  return match ? Number(match[1]) : 0;
}

type Component = { type?: unknown; sub_type?: unknown; index?: unknown; parameters?: unknown };
type Parameter = { type?: unknown; text?: unknown; parameter_name?: unknown; [key: string]: unknown };

export function createTemplatesFake(): TemplatesFakeInternals {
  const accounts = new Map<string, FakeTemplate[]>();
  let pageSize = Infinity;
  let failing: { page: number; error: MetaError } | null = null;

  function find(name: string, language: string): FakeTemplate | undefined {
    for (const templates of accounts.values()) {
      const found = templates.find((t) => t.name === name && t.language === language);
      if (found) return found;
    }
    return undefined;
  }

  function checkTexts(component: string, sent: Parameter[], expected: string[], named: boolean): MetaError | null {
    if (sent.length !== expected.length) return TEMPLATE_ERRORS.paramCount(component, sent.length, expected.length);
    for (const parameter of sent) {
      if (parameter.type !== "text" || typeof parameter.text !== "string" || !parameter.text) return TEMPLATE_ERRORS.paramFormat(`${component}: Format mismatch, expected TEXT`);
      if (named && !expected.includes(String(parameter.parameter_name))) return TEMPLATE_ERRORS.paramFormat(`${component}: parameter_name (${String(parameter.parameter_name)}) is not a parameter of the template`);
    }
    return null;
  }

  return {
    set: (wabaId, templates) => void accounts.set(wabaId, templates),
    setPageSize: (size) => void (pageSize = size),
    failPage: (page, e) => void (failing = page === null ? null : { page, error: e ?? { status: 500, code: 1, message: "An unknown error occurred", type: "OAuthException" } }),

    answerList(method, id, edge, url, origin) {
      if (method !== "GET" || edge !== "message_templates" || !id || !accounts.has(id)) return null;
      const templates = accounts.get(id)!;
      const limit = Math.min(Number(url.searchParams.get("limit") ?? 25) || 25, pageSize);
      const offset = decodeCursor(url.searchParams.get("after"));
      if (failing && failing.page === Math.floor(offset / limit) + 1) return { error: failing.error };
      const fields = url.searchParams.get("fields")?.split(",").map((f) => f.trim());
      const slice = templates.slice(offset, offset + limit).map((t) =>
        fields ? Object.fromEntries(Object.entries(t).filter(([key]) => fields.includes(key))) : t,
      );
      const paging: Record<string, unknown> = { cursors: { before: encodeCursor(offset), after: encodeCursor(offset + slice.length) } };
      if (offset + limit < templates.length) {
        const next = new URL(`${origin}${url.pathname}`);
        url.searchParams.forEach((value, key) => next.searchParams.set(key, value));
        next.searchParams.set("after", encodeCursor(offset + limit));
        paging.next = next.toString();
      }
      return { body: { data: slice, paging } };
    },

    refuseSend(body) {
      const message = body as { type?: unknown; template?: { name?: unknown; language?: { code?: unknown }; components?: unknown } } | undefined;
      if (message?.type !== "template") return null;
      const name = String(message.template?.name ?? "");
      const language = String(message.template?.language?.code ?? "");
      const template = find(name, language);
      if (!template) return TEMPLATE_ERRORS.missing(name, language);
      if (template.status === "PAUSED") return TEMPLATE_ERRORS.paused();
      if (template.status === "DISABLED") return TEMPLATE_ERRORS.disabled();
      // Meta answers a template that is pending or rejected as one that does not exist.
      if (template.status !== "APPROVED") return TEMPLATE_ERRORS.missing(name, language);

      const named = template.parameter_format === "NAMED";
      const sent = (Array.isArray(message.template?.components) ? message.template.components : []) as Component[];
      const params = (c: Component | undefined) => (Array.isArray(c?.parameters) ? (c.parameters as Parameter[]) : []);
      const of = (type: string) => template.components.find((c) => String(c.type).toUpperCase() === type);

      const header = of("HEADER");
      const sentHeader = sent.find((c) => c.type === "header");
      const format = String(header?.format ?? "TEXT").toUpperCase();
      if (header && ["IMAGE", "VIDEO", "DOCUMENT"].includes(format)) {
        const [p] = params(sentHeader);
        const media = p?.[format.toLowerCase()] as { link?: unknown; id?: unknown } | undefined;
        if (p?.type !== format.toLowerCase() || !media || (typeof media.link !== "string" && typeof media.id !== "string")) {
          return TEMPLATE_ERRORS.paramFormat(`header: Format mismatch, expected ${format}, received ${String(p?.type ?? "UNKNOWN").toUpperCase()}`);
        }
      } else {
        const refusal = checkTexts("header", params(sentHeader), header ? variables(header.text) : [], named);
        if (refusal) return refusal;
      }
      const refusal = checkTexts("body", params(sent.find((c) => c.type === "body")), variables(of("BODY")?.text), named);
      if (refusal) return refusal;
      const buttons = (of("BUTTONS")?.buttons ?? []) as { type?: unknown; url?: unknown }[];
      for (const [index, button] of buttons.entries()) {
        const expected = String(button.type).toUpperCase() === "URL" ? variables(button.url) : [];
        const sentButton = sent.find((c) => c.type === "button" && String(c.index) === String(index));
        if (expected.length === 0 && !sentButton) continue;
        if (sentButton && sentButton.sub_type !== "url") return TEMPLATE_ERRORS.paramFormat(`button ${index}: sub_type must be url`);
        const refusal = checkTexts(`button ${index}`, params(sentButton), expected, false);
        if (refusal) return refusal;
      }
      return null;
    },
  };
}

/** Templates like a real account's, for the end-to-end server (and tests that want a mix of statuses). */
export function sampleTemplates(): FakeTemplate[] {
  return [
    {
      id: "900000000000001",
      name: "order_shipped",
      language: "pt_BR",
      category: "UTILITY",
      status: "APPROVED",
      parameter_format: "POSITIONAL",
      components: [
        { type: "HEADER", format: "TEXT", text: "Pedido {{1}}", example: { header_text: ["#1234"] } },
        { type: "BODY", text: "Olá {{1}}, seu pedido {{2}} saiu para entrega.", example: { body_text: [["Ana", "#1234"]] } },
        { type: "FOOTER", text: "Loja Demo" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "URL", text: "Rastrear", url: "https://loja.example.com/rastreio/{{1}}", example: ["https://loja.example.com/rastreio/1234"] },
            { type: "QUICK_REPLY", text: "Falar com atendente" },
          ],
        },
      ],
    },
    {
      id: "900000000000002",
      name: "welcome_offer",
      language: "pt_BR",
      category: "MARKETING",
      status: "APPROVED",
      parameter_format: "NAMED",
      components: [
        { type: "HEADER", format: "IMAGE", example: { header_handle: ["https://scontent.example.com/sample.jpg"] } },
        { type: "BODY", text: "Oi {{first_name}}! Use o cupom {{coupon}} na sua próxima compra.", example: { body_text_named_params: [{ param_name: "first_name", example: "Ana" }, { param_name: "coupon", example: "BEMVINDO10" }] } },
        { type: "FOOTER", text: "Responda SAIR para não receber ofertas" },
      ],
    },
    {
      id: "900000000000003",
      name: "hello_world",
      language: "en_US",
      category: "UTILITY",
      status: "APPROVED",
      parameter_format: "POSITIONAL",
      components: [
        { type: "HEADER", format: "TEXT", text: "Hello World" },
        { type: "BODY", text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API." },
        { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
      ],
    },
    {
      id: "900000000000004",
      name: "summer_sale",
      language: "pt_BR",
      category: "MARKETING",
      status: "PAUSED",
      parameter_format: "POSITIONAL",
      components: [{ type: "BODY", text: "Liquidação de verão: até 50% de desconto!" }],
    },
    {
      id: "900000000000005",
      name: "payment_reminder",
      language: "pt_BR",
      category: "UTILITY",
      status: "REJECTED",
      rejected_reason: "INVALID_FORMAT",
      parameter_format: "POSITIONAL",
      components: [{ type: "BODY", text: "Seu boleto de {{1}} vence amanhã." }],
    },
    {
      id: "900000000000006",
      name: "appointment_confirmation",
      language: "pt_BR",
      category: "UTILITY",
      status: "PENDING",
      parameter_format: "POSITIONAL",
      components: [{ type: "BODY", text: "Sua consulta está marcada para {{1}}." }],
    },
  ];
}
