import { describe, expect, it } from "vitest";
import { messageContent } from "@/lib/whatsapp/message-content";
import { parseWebhook } from "@/lib/whatsapp/webhook-payload";
import { isValidSignature, signBody } from "@/lib/whatsapp/signature";
import { fixture, webhookBody } from "../support/webhook";

const only = (name: string) => {
  const { changes } = parseWebhook(fixture(name));
  expect(changes).toHaveLength(1);
  return changes[0]!;
};

describe("webhook parsing of the fixtures", () => {
  it("reads a text message with the contact's profile name", () => {
    const change = only("text-message.json");
    expect(change.phoneNumberId).toBe("100000000000001");
    expect(change.profileNames.get("5511987654321")).toBe("Maria Souza");
    expect(messageContent(change.messages[0]!.message)).toMatchObject({ type: "text", text: "Olá! Quanto custa o plano anual?", media: null, replyToWamid: null });
  });

  it("reads every message of a media batch: image with caption, document with file name, location", () => {
    const [image, document, location] = only("media-batch.json").messages.map((m) => messageContent(m.message));
    expect(image).toMatchObject({ type: "image", text: "Foto do produto com defeito", media: { id: "900000000000001", mimeType: "image/jpeg" } });
    expect(document).toMatchObject({ type: "document", text: "Nota fiscal", media: { id: "900000000000002", filename: "nota-fiscal-1234.pdf", mimeType: "application/pdf" } });
    expect(location).toMatchObject({ type: "location", text: "Loja Centro — Av. Rio Branco, 1 - Centro, Rio de Janeiro", payload: { location: { latitude: -22.9068, longitude: -43.1729 } } });
  });

  it("keeps the ad referral of a click-to-WhatsApp message", () => {
    const content = messageContent(only("click-to-whatsapp-ad.json").messages[0]!.message);
    expect(content.payload).toMatchObject({ referral: { source_type: "ad", source_id: "120210000000000001", ctwa_clid: expect.any(String) } });
  });

  it("reads a button reply with its quoted message, a reaction and an unsupported type", () => {
    const [button, reaction, unsupported] = only("interactive-and-reaction.json").messages.map((m) => m.message);
    expect(messageContent(button!)).toMatchObject({ type: "interactive", text: "Plano anual", replyToWamid: "wamid.OUTBOUNDMENU000000000000000000000000000001" });
    expect(reaction).toMatchObject({ type: "reaction", reaction: { message_id: "wamid.OUTBOUNDMENU000000000000000000000000000001", emoji: "👍" } });
    expect(messageContent(unsupported!)).toMatchObject({ type: "unsupported", text: null, error: { code: 131051, title: "Message type unknown", details: "Message type is currently not supported." } });
  });

  it("reads delivery statuses with the failure's error", () => {
    const statuses = only("statuses.json").statuses.map((s) => s.status);
    expect(statuses.map((s) => s.status)).toEqual(["delivered", "read", "failed"]);
    expect(statuses[2]!.errors?.[0]).toMatchObject({ code: 131047, title: "Re-engagement message" });
  });
});

describe("webhook parsing of malformed payloads", () => {
  it("ignores bodies that are not WhatsApp Business events", () => {
    expect(parseWebhook({ object: "page", entry: [] }).changes).toEqual([]);
    expect(parseWebhook("text").changes).toEqual([]);
    expect(parseWebhook(null).changes).toEqual([]);
  });

  it("skips a change without a phone number id and other fields", () => {
    const body = { object: "whatsapp_business_account", entry: [{ changes: [{ field: "messages", value: { messages: [] } }, { field: "account_update", value: {} }] }] };
    const parsed = parseWebhook(body);
    expect(parsed.changes).toEqual([]);
    expect(parsed.skipped).toHaveLength(2);
  });

  it("refuses a message without an id, for a dead letter, without losing its neighbours", () => {
    const body = webhookBody("1", {
      messages: [{ from: "55", id: "wamid.ok", timestamp: "1764000000", type: "text", text: { body: "hi" } }, { from: "55", type: "text" }],
    });
    const [change] = parseWebhook(body).changes;
    expect(change!.messages.map((m) => m.message.id)).toEqual(["wamid.ok"]);
    expect(change!.refused).toEqual([{ raw: { from: "55", type: "text" }, reason: "invalid_envelope" }]);
  });

  it("keeps a message of a type it does not know, as that type", () => {
    const body = webhookBody("1", { messages: [{ from: "55", id: "wamid.x", timestamp: "1764000000", type: "order", order: { catalog_id: "1" } }] });
    const content = messageContent(parseWebhook(body).changes[0]!.messages[0]!.message);
    expect(content).toMatchObject({ type: "order", text: null, payload: { order: { catalog_id: "1" } } });
  });
});

describe("webhook signature", () => {
  const body = Buffer.from('{"a":1}');
  it("accepts the HMAC of the exact bytes", () => {
    expect(isValidSignature(body, signBody(body, "secret"), "secret")).toBe(true);
  });
  it("refuses a signature made with another secret, a missing one, and one of other bytes", () => {
    expect(isValidSignature(body, signBody(body, "other"), "secret")).toBe(false);
    expect(isValidSignature(body, null, "secret")).toBe(false);
    expect(isValidSignature(body, "sha256=zz", "secret")).toBe(false);
    expect(isValidSignature(Buffer.from('{"a": 1}'), signBody(body, "secret"), "secret")).toBe(false);
  });
});
