"use client";

import { ExternalLink, FileText, Image as ImageIcon, MapPin, Phone, Reply, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import type { RenderedHeader, RenderedTemplate } from "@/lib/templates/model";
import { cn } from "@/lib/utils";

const MEDIA_ICONS = { image: ImageIcon, video: Video, document: FileText, location: MapPin } as const;

/**
 * A template message as the customer sees it in WhatsApp: header, body,
 * footer and buttons. Shared by the settings list, the composer's live
 * preview and the chat bubble. A media header shows what it is and its link
 * or file name, not the file: the link is the customer's to open, and our
 * pages load no images from addresses an agent typed. Only a photo the agent
 * just picked on this device (`headerImageUrl`, an object URL) is shown.
 */
export function TemplatePreview({ rendered, className, headerImageUrl }: { rendered: RenderedTemplate; className?: string; headerImageUrl?: string | null }) {
  const t = useTranslations("templates.preview");
  return (
    <div className={cn("flex min-w-0 flex-col gap-1 text-sm", className)}>
      {rendered.header?.type === "image" && headerImageUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a local object URL next/image cannot optimise
        <img src={headerImageUrl} alt={rendered.header.filename ?? t("media.image")} className="max-h-48 w-full rounded-md bg-muted object-cover" />
      ) : (
        rendered.header && <Header header={rendered.header} />
      )}
      {rendered.body && <p className="break-words whitespace-pre-wrap">{rendered.body}</p>}
      {rendered.footer && <p className="text-xs break-words text-muted-foreground">{rendered.footer}</p>}
      {rendered.buttons.length > 0 && (
        <ul aria-label={t("buttons")} className="mt-1 flex flex-col gap-1 border-t pt-1">
          {rendered.buttons.map((button, index) => (
            <li key={index} className="flex items-center justify-center gap-1.5 rounded px-2 py-1 text-center text-xs font-medium text-primary">
              {button.type === "URL" ? <ExternalLink aria-hidden className="size-3.5 shrink-0" /> : button.type === "PHONE_NUMBER" ? <Phone aria-hidden className="size-3.5 shrink-0" /> : <Reply aria-hidden className="size-3.5 shrink-0" />}
              <span className="min-w-0 break-words">{button.text}</span>
              {button.url && <span className="sr-only">({button.url})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Header({ header }: { header: RenderedHeader }) {
  const t = useTranslations("templates.preview");
  if (header.type === "text") return <p className="font-semibold break-words">{header.text}</p>;
  const Icon = MEDIA_ICONS[header.type];
  const source = "link" in header && header.link ? header.link : "id" in header && header.id ? (header.filename ?? t("uploaded")) : null;
  return (
    <div className="flex items-center gap-2 rounded-md bg-muted px-2 py-3 text-xs text-muted-foreground">
      <Icon aria-hidden className="size-5 shrink-0" />
      <span className="flex min-w-0 flex-col">
        <span className="font-medium">{t(`media.${header.type}`)}</span>
        {header.type !== "location" && <span className="truncate">{source ?? t("mediaMissing")}</span>}
      </span>
    </div>
  );
}
