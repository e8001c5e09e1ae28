import type { TemplateRequest } from "@/lib/whatsapp/templates-api";

/**
 * The request a stored template message (`payload.template`, see
 * lib/templates/send.ts) was sent with, for a retry that sends exactly the
 * same again; null when the payload does not hold one.
 */
export function storedTemplateRequest(payload: unknown): TemplateRequest | null {
  const template = (payload as { template?: { name?: unknown; language?: unknown; components?: unknown } } | null)?.template;
  if (!template || typeof template.name !== "string" || typeof template.language !== "string" || !Array.isArray(template.components)) return null;
  return { name: template.name, language: { code: template.language }, components: template.components as TemplateRequest["components"] };
}
