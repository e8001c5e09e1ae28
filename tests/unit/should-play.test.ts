import { describe, expect, it } from "vitest";
import { shouldPlay } from "@/components/notifications/should-play";
import type { RealtimeEventMap } from "@/lib/realtime/events";

const me = "user-me";
const message = (overrides: Partial<RealtimeEventMap["message.created"]>): RealtimeEventMap["message.created"] => ({
  conversationId: "c1",
  messageId: "m1",
  direction: "inbound",
  sender: "customer",
  authorUserId: null,
  ...overrides,
});

describe("shouldPlay (the new-message alert)", () => {
  it("plays for an inbound message from a customer when the sound is on", () => {
    expect(shouldPlay(message({}), { enabled: true, userId: me })).toBe(true);
  });

  it("stays silent for a customer message when the workspace turned the sound off", () => {
    expect(shouldPlay(message({}), { enabled: false, userId: me })).toBe(false);
  });

  it("never plays for an outbound message, whoever wrote it", () => {
    expect(shouldPlay(message({ direction: "outbound", sender: "agent", authorUserId: "someone-else" }), { enabled: true, userId: me })).toBe(false);
  });

  it("never plays for the bot's messages", () => {
    expect(shouldPlay(message({ direction: "outbound", sender: "bot" }), { enabled: true, userId: me })).toBe(false);
    expect(shouldPlay(message({ direction: "inbound", sender: "bot" }), { enabled: true, userId: me })).toBe(false);
  });

  it("never plays for the user's own message", () => {
    expect(shouldPlay(message({ direction: "outbound", sender: "agent", authorUserId: me }), { enabled: true, userId: me })).toBe(false);
    expect(shouldPlay(message({ authorUserId: me }), { enabled: true, userId: me })).toBe(false);
  });
});
