"use client";

import { FileText, Image as ImageIcon, List, Reply } from "lucide-react";
import { useTranslations } from "next-intl";
import { TemplatePreview } from "@/components/templates/template-preview";
import { parseComponents, renderTemplate } from "@/lib/templates/model";
import type { TemplateListItem } from "@/lib/templates/queries";
import type { EditorState } from "./editor-state";

/**
 * How the reply looks on the customer's WhatsApp: one bubble, with the reply
 * buttons under it or the list's button and rows. Variables stay as typed
 * ({{first_name}}): they are filled for each customer when sent.
 */
export function BotPreview({ state, templates }: { state: EditorState; templates: TemplateListItem[] }) {
  const t = useTranslations("bots.preview");
  return (
    <section aria-label={t("label")} className="grid min-w-0 content-start gap-1.5">
      <h3 className="text-sm font-medium">{t("title")}</h3>
      <div className="rounded-lg bg-emerald-50 p-3 dark:bg-emerald-950/40">
        <div className="grid max-w-[90%] gap-1">
          <div className="rounded-lg bg-background p-2.5 text-sm shadow-sm">
            <Bubble state={state} templates={templates} />
          </div>
          {state.replyKind === "buttons" &&
            state.buttons.map((button) => (
              <div key={button.id} className="flex items-center justify-center gap-1.5 rounded-lg bg-background px-2 py-1.5 text-center text-xs font-medium text-sky-700 shadow-sm dark:text-sky-400">
                <Reply aria-hidden className="size-3.5 shrink-0" />
                <span className="min-w-0 break-words">{button.title || t("untitled")}</span>
              </div>
            ))}
        </div>
        {state.replyKind === "list" && (
          <ul aria-label={t("rows")} className="mt-2 grid max-w-[90%] gap-1 rounded-lg bg-background p-2 text-xs shadow-sm">
            {state.rows.map((row) => (
              <li key={row.id} className="grid gap-0.5 border-b pb-1 last:border-b-0 last:pb-0">
                <span className="font-medium break-words">{row.title || t("untitled")}</span>
                {row.description && <span className="break-words text-muted-foreground">{row.description}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function Bubble({ state, templates }: { state: EditorState; templates: TemplateListItem[] }) {
  const t = useTranslations("bots.preview");
  switch (state.replyKind) {
    case "text":
      return <p className="break-words whitespace-pre-wrap">{state.text || <span className="text-muted-foreground">{t("empty")}</span>}</p>;
    case "media": {
      const Icon = state.media.mediaType === "image" ? ImageIcon : FileText;
      return (
        <div className="grid gap-1">
          <div className="flex items-center gap-2 rounded-md bg-muted px-2 py-3 text-xs text-muted-foreground">
            <Icon aria-hidden className="size-5 shrink-0" />
            <span className="flex min-w-0 flex-col">
              <span className="font-medium">{t(state.media.mediaType)}</span>
              <span className="truncate">{state.media.filename || state.media.link || t("noLink")}</span>
            </span>
          </div>
          {state.media.caption && <p className="break-words whitespace-pre-wrap">{state.media.caption}</p>}
        </div>
      );
    }
    case "template": {
      const template = templates.find((item) => item.id === state.template.templateId);
      if (!template) return <p className="text-muted-foreground">{t("noTemplate")}</p>;
      const rendered = renderTemplate(
        parseComponents(template.components),
        { params: state.template.params, headerMedia: state.template.headerLink ? { link: state.template.headerLink } : null },
        { placeholders: true },
      );
      return <TemplatePreview rendered={rendered} />;
    }
    case "buttons":
    case "list":
      return (
        <div className="grid gap-1">
          <p className="break-words whitespace-pre-wrap">{state.body || <span className="text-muted-foreground">{t("empty")}</span>}</p>
          {state.footer && <p className="text-xs break-words text-muted-foreground">{state.footer}</p>}
          {state.replyKind === "list" && (
            <p className="mt-1 flex items-center justify-center gap-1.5 border-t pt-1.5 text-xs font-medium text-sky-700 dark:text-sky-400">
              <List aria-hidden className="size-3.5" />
              {state.listButton || t("untitled")}
            </p>
          )}
        </div>
      );
  }
}
