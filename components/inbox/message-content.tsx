"use client";

import { ContactRound, Download, FileText, MapPin, MousePointerClick } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ChatMessage } from "@/lib/inbox/types";
import { TemplateMessageContent } from "./template-message-content";

/* Payloads are WhatsApp's own JSON, stored as received: read them defensively. */
function str(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}
function num(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}
function obj(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function Text({ value }: { value: string }) {
  return <p className="break-words whitespace-pre-wrap">{value}</p>;
}

/** The body of a bubble, by message type. Nothing is hidden: an unknown type still says so. */
export function MessageContent({ message }: { message: ChatMessage }) {
  const t = useTranslations("inbox.message");
  const payload = obj(message.payload);
  const caption = str(message.text) ?? str(payload.caption);
  const url = message.media?.url;
  const isMedia = ["image", "sticker", "video", "audio", "voice", "document"].includes(message.type);

  // A rule bot's file goes by its public link (lib/bots/rules): the chat links to it.
  const link = message.direction === "outbound" ? str(payload.link) : null;
  if (isMedia && !url && link?.startsWith("https://")) {
    return (
      <div className="flex flex-col gap-1">
        <a href={link} target="_blank" rel="noreferrer" className="flex items-center gap-1.5 font-medium underline underline-offset-2">
          <FileText aria-hidden className="size-4 shrink-0" />
          {str(payload.filename) ?? (message.type === "document" ? t("document") : t("image"))}
        </a>
        {caption && <Text value={caption} />}
      </div>
    );
  }

  if (isMedia && !url) {
    return (
      <div className="flex flex-col gap-1">
        <p className="text-muted-foreground italic">{t("mediaUnavailable")}</p>
        {caption && <Text value={caption} />}
      </div>
    );
  }

  switch (message.type) {
    case "text":
      return <Text value={message.text ?? ""} />;
    case "image":
      return (
        <div className="flex flex-col gap-1">
          <a href={url} target="_blank" rel="noreferrer" className="block">
            {/* eslint-disable-next-line @next/next/no-img-element -- bytes come from our session-checked media route; next/image would re-fetch them without the cookie */}
            <img src={url} alt={caption ?? t("image")} loading="lazy" className="max-h-72 max-w-full rounded-md object-contain" />
          </a>
          {caption && <Text value={caption} />}
        </div>
      );
    case "sticker":
      // eslint-disable-next-line @next/next/no-img-element -- same media route as images
      return <img src={url} alt={t("sticker")} loading="lazy" className="size-32 object-contain" />;
    case "video":
      return (
        <div className="flex flex-col gap-1">
          <video controls preload="metadata" src={url} aria-label={caption ?? t("video")} className="max-h-72 max-w-full rounded-md" />
          {caption && <Text value={caption} />}
        </div>
      );
    case "audio":
    case "voice":
      return (
        <audio controls preload="metadata" src={url} aria-label={message.media?.voice ? t("voice") : t("audio")} className="w-64 max-w-full" />
      );
    case "document": {
      const filename = message.media?.filename ?? str(payload.filename) ?? t("document");
      return (
        <div className="flex flex-col gap-1">
          <a href={url} download={filename} className="flex items-center gap-2 rounded-md border bg-background/70 px-3 py-2 hover:bg-accent">
            <FileText aria-hidden className="size-5 shrink-0 text-muted-foreground" />
            <span className="sr-only">{t("download")} </span>
            <span className="min-w-0 truncate font-medium">{filename}</span>
            <Download aria-hidden className="size-4 shrink-0 text-muted-foreground" />
          </a>
          {caption && caption !== filename && <Text value={caption} />}
        </div>
      );
    }
    case "location":
      return <Location payload={payload} fallback={caption} />;
    case "contacts":
      return <ContactCards payload={payload} />;
    case "interactive":
    case "button": {
      const sentMenu = message.direction === "outbound" ? obj(payload.interactive) : null;
      if (sentMenu && (sentMenu.type === "button" || sentMenu.type === "list")) return <SentMenu menu={sentMenu} fallback={str(message.text) ?? ""} />;
      // Stored as WhatsApp sent it: { interactive: { button_reply | list_reply } } or { button: { text, payload } }.
      const interactive = obj(payload.interactive);
      const reply = obj(interactive.button_reply ?? interactive.list_reply);
      const button = obj(payload.button);
      const value = str(message.text) ?? str(reply.title) ?? str(button.text) ?? str(button.payload) ?? "";
      return (
        <div className="flex flex-col gap-0.5">
          <span className="flex items-center gap-1 text-[11px] font-medium text-muted-foreground">
            <MousePointerClick aria-hidden className="size-3" />
            {t("buttonReply")}
          </span>
          <Text value={value} />
        </div>
      );
    }
    case "template":
      return <TemplateMessageContent message={message} />;
    case "reaction": {
      const emoji = str(obj(payload.reaction).emoji) ?? str(message.text);
      return <p className="text-muted-foreground italic">{emoji ? t("reacted", { emoji }) : t("unsupported")}</p>;
    }
    default:
      // Types added later (templates sent by bots) show their text; the rest say what they are.
      if (message.type !== "unsupported" && caption) return <Text value={caption} />;
      return <p className="text-muted-foreground italic">{t("unsupported")}</p>;
  }
}

/** A rule bot's reply buttons or list as WhatsApp shows them under the text: chips the customer can tap, not we. */
function SentMenu({ menu, fallback }: { menu: Record<string, unknown>; fallback: string }) {
  const t = useTranslations("inbox.message");
  const action = obj(menu.action);
  const buttons = Array.isArray(action.buttons) ? action.buttons.map((button) => str(obj(obj(button).reply).title)) : [];
  const rows = Array.isArray(action.sections) ? action.sections.flatMap((section) => (Array.isArray(obj(section).rows) ? (obj(section).rows as unknown[]) : [])).map((row) => str(obj(row).title)) : [];
  const isList = menu.type === "list";
  const options = (isList ? rows : buttons).filter((title): title is string => title !== null);
  const footer = str(obj(menu.footer).text);
  return (
    <div className="flex flex-col gap-1.5">
      <Text value={str(obj(menu.body).text) ?? fallback} />
      {footer && <p className="text-[11px] text-muted-foreground">{footer}</p>}
      {isList && str(action.button) && <p className="text-[11px] font-medium text-muted-foreground">{str(action.button)}</p>}
      <ul aria-label={isList ? t("sentListRows") : t("sentButtons")} className="flex flex-wrap gap-1">
        {options.map((title, index) => (
          <li key={`${index}:${title}`} className="rounded-full border border-current/20 px-2 py-0.5 text-xs font-medium">
            {title}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Location({ payload: stored, fallback }: { payload: Record<string, unknown>; fallback: string | null }) {
  const t = useTranslations("inbox.message");
  // Inbound payloads keep WhatsApp's { location: {...} }; accept the fields at the top level too.
  const payload = stored.location ? obj(stored.location) : stored;
  const latitude = num(payload.latitude);
  const longitude = num(payload.longitude);
  const name = str(payload.name);
  const address = str(payload.address);
  if (latitude === null || longitude === null) return <Text value={fallback ?? t("location")} />;
  const href = `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
  return (
    <a href={href} target="_blank" rel="noreferrer" className="flex items-start gap-2 rounded-md border bg-background/70 px-3 py-2 hover:bg-accent">
      <MapPin aria-hidden className="mt-0.5 size-5 shrink-0 text-destructive" />
      <span className="flex min-w-0 flex-col">
        <span className="font-medium">{name ?? t("location")}</span>
        {address && <span className="text-xs text-muted-foreground">{address}</span>}
        <span className="text-xs text-primary underline">{t("openMap")}</span>
      </span>
    </a>
  );
}

function ContactCards({ payload }: { payload: Record<string, unknown> }) {
  const t = useTranslations("inbox.message");
  const contacts = Array.isArray(payload.contacts) ? payload.contacts.map(obj) : [];
  return (
    <div className="flex flex-col gap-2">
      <span className="text-[11px] font-medium text-muted-foreground">{t("contactCard")}</span>
      {contacts.map((contact, index) => {
        const name = str(obj(contact.name).formatted_name) ?? str(obj(contact.name).first_name);
        const phones = (Array.isArray(contact.phones) ? contact.phones.map(obj) : [])
          .map((phone) => str(phone.phone) ?? str(phone.wa_id))
          .filter((phone): phone is string => phone !== null);
        return (
          <div key={index} className="flex items-start gap-2 rounded-md border bg-background/70 px-3 py-2">
            <ContactRound aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
            <div className="flex min-w-0 flex-col">
              <span className="font-medium">{name ?? t("contactCard")}</span>
              {phones.map((phone) => (
                <a key={phone} href={`tel:${phone.replace(/[^\d+]/g, "")}`} className="text-xs text-primary underline">
                  {phone}
                </a>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
