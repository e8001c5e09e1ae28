"use client";

import { useTranslations } from "next-intl";

/**
 * One line describing a message by its type, for the list and for quoted
 * replies. `text` is whatever the server kept for it: the text, a caption, a
 * file name or a place name.
 */
export function usePreviewText(): (type: string | null, text: string | null) => string {
  const t = useTranslations("inbox.preview");
  return (type, text) => {
    const value = text?.trim() ?? "";
    switch (type) {
      case null:
        return value || t("noMessages");
      case "text":
        return value;
      case "image":
        return value ? t("photoCaption", { caption: value }) : t("photo");
      case "video":
        return value ? t("videoCaption", { caption: value }) : t("video");
      case "audio":
      case "voice":
        return t("audio");
      case "document":
        return value ? t("documentName", { filename: value }) : t("document");
      case "sticker":
        return t("sticker");
      case "location":
        return value ? t("locationName", { name: value }) : t("location");
      case "contacts":
        return t("contacts");
      case "reaction":
        return value ? t("reactionEmoji", { emoji: value }) : t("reaction");
      case "interactive":
      case "button":
        return value || t("buttonReply");
      case "unsupported":
        return t("unsupported");
      default:
        // Types added later (templates sent by bots, orders) still show their text when they have one.
        return value || t("unsupported");
    }
  };
}
