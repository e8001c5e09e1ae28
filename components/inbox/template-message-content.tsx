"use client";

import { useTranslations } from "next-intl";
import { TemplatePreview } from "@/components/templates/template-preview";
import type { ChatMessage } from "@/lib/inbox/types";
import type { RenderedTemplate } from "@/lib/templates/model";

function obj(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** A template we sent, in its bubble: header, body (as sent, values in), footer and buttons, and which template it was. */
export function TemplateMessageContent({ message }: { message: ChatMessage }) {
  const t = useTranslations("templates.message");
  const template = obj(obj(message.payload).template);
  const header = obj(template.header);
  const rendered: RenderedTemplate = {
    header: typeof header.type === "string" ? (header as RenderedTemplate["header"]) : null,
    body: message.text ?? "",
    footer: typeof template.footer === "string" ? template.footer : null,
    buttons: Array.isArray(template.buttons) ? (template.buttons.map(obj).filter((b) => typeof b.text === "string") as RenderedTemplate["buttons"]) : [],
  };
  return (
    <div className="flex flex-col gap-1">
      <TemplatePreview rendered={rendered} />
      {typeof template.name === "string" && <span className="text-[11px] text-muted-foreground">{t("label", { name: template.name })}</span>}
    </div>
  );
}
