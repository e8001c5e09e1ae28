import { BOT_TEXT_VARIABLES, fillVariables, type VariableValues } from "@/lib/quick-replies/variables";
import type { InteractiveRequest, LinkedMedia } from "@/lib/whatsapp/interactive-api";
import { type BotReply, optionReplyId } from "./definition";

/**
 * What a rule bot's free-form reply becomes: the request WhatsApp gets and
 * the message the chat stores. Texts take the contact's and the business's
 * names ({{first_name}}, {{name}}, {{business_name}}); a button or row
 * carries `bot:<bot id>:<option id>`, which WhatsApp echoes when tapped.
 */

export type RenderedReply = {
  /** The stored message's type and text (what the chat and search read). */
  type: "text" | "interactive" | "image" | "document";
  text: string;
  /** Kept with the message: enough to show it and to send the very same again. */
  payload: Record<string, unknown>;
  interactive?: InteractiveRequest;
  linkedMedia?: LinkedMedia;
  /** What the conversation list shows, when not `text`. */
  preview?: string;
};

export const fillBotText = (text: string, values: VariableValues) => fillVariables(text, values, BOT_TEXT_VARIABLES).trim();

const footerOf = (footer: string) => (footer ? { footer: { text: footer } } : {});

export function renderFreeForm(botId: string, reply: Exclude<BotReply, { kind: "template" }>, values: VariableValues): RenderedReply {
  switch (reply.kind) {
    case "text":
      return { type: "text", text: fillBotText(reply.text, values), payload: {} };
    case "media": {
      const caption = fillBotText(reply.caption, values);
      const linkedMedia: LinkedMedia = { kind: reply.mediaType, link: reply.link, ...(caption ? { caption } : {}), ...(reply.filename ? { filename: reply.filename } : {}) };
      return {
        type: reply.mediaType,
        text: caption,
        payload: { link: reply.link, ...(reply.filename ? { filename: reply.filename } : {}) },
        linkedMedia,
        preview: caption || reply.filename || "",
      };
    }
    case "buttons": {
      const interactive: InteractiveRequest = {
        type: "button",
        body: { text: fillBotText(reply.body, values) || reply.body },
        ...footerOf(reply.footer),
        action: { buttons: reply.buttons.map((button) => ({ type: "reply", reply: { id: optionReplyId(botId, button.id), title: button.title } })) },
      };
      return { type: "interactive", text: interactive.body.text, payload: { interactive }, interactive };
    }
    case "list": {
      const interactive: InteractiveRequest = {
        type: "list",
        body: { text: fillBotText(reply.body, values) || reply.body },
        ...footerOf(reply.footer),
        action: {
          button: reply.buttonLabel,
          sections: [
            {
              rows: reply.rows.map((row) => ({ id: optionReplyId(botId, row.id), title: row.title, ...(row.description ? { description: row.description } : {}) })),
            },
          ],
        },
      };
      return { type: "interactive", text: interactive.body.text, payload: { interactive }, interactive };
    }
  }
}
