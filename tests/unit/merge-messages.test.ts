import { describe, expect, it } from "vitest";
import { mergeMessages } from "@/components/inbox/message-cache";
import type { ChatMessage } from "@/lib/inbox/types";

const base = {
  id: "m1",
  wamid: "wamid.1",
  direction: "outbound",
  sender: "agent",
  type: "text",
  text: "Olá",
  media: null,
  payload: null,
  sentAt: "2026-12-06T03:00:00.000Z",
  error: null,
} as unknown as ChatMessage;
const copy = (status: ChatMessage["status"], error: ChatMessage["error"] = null) => ({ ...base, status, error }) as ChatMessage;

describe("merging a message's newer copy into the chat", () => {
  it("shows a failure WhatsApp reports after the message was sent or delivered, with its reason", () => {
    expect(mergeMessages([copy("sent")], [copy("failed", { code: 131047 })])[0]).toMatchObject({ status: "failed", error: { code: 131047 } });
    expect(mergeMessages([copy("delivered")], [copy("failed", { code: 131026 })])[0]).toMatchObject({ status: "failed" });
  });

  it("never lets a tick go backwards, and a failure never undoes read", () => {
    expect(mergeMessages([copy("read")], [copy("delivered")])[0]!.status).toBe("read");
    expect(mergeMessages([copy("read")], [copy("failed", { code: 131047 })])[0]!.status).toBe("read");
  });

  it("shows a retry of a failed message as sending again", () => {
    expect(mergeMessages([copy("failed", { code: 131047 })], [copy("pending")])[0]!.status).toBe("pending");
  });
});
