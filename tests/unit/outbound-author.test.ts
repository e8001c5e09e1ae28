import { describe, expect, it } from "vitest";
import { outboundAuthor } from "@/components/inbox/outbound-author";
import type { ConversationListItem } from "@/lib/inbox/types";

type Row = Pick<ConversationListItem, "lastMessageDirection" | "lastMessageAuthor">;
const ANA = "00000000-0000-4000-8000-00000000a0a0";
const BRUNO = "00000000-0000-4000-8000-00000000b0b0";
const outbound = (author: Row["lastMessageAuthor"]): Row => ({ lastMessageDirection: "outbound", lastMessageAuthor: author });

describe("who the list says wrote the newest message", () => {
  it("says nothing for the customer's message", () => {
    expect(outboundAuthor({ lastMessageDirection: "inbound", lastMessageAuthor: null }, ANA)).toBeNull();
    expect(outboundAuthor({ lastMessageDirection: null, lastMessageAuthor: null }, ANA)).toBeNull();
  });

  it("says it was the viewer when the viewer wrote it", () => {
    expect(outboundAuthor(outbound({ kind: "agent", userId: ANA, name: "Ana Souza" }), ANA)).toEqual({ kind: "you" });
  });

  it("names another agent by first name, not as the viewer", () => {
    expect(outboundAuthor(outbound({ kind: "agent", userId: ANA, name: "  Ana   Souza " }), BRUNO)).toEqual({ kind: "agent", firstName: "Ana" });
  });

  it("credits a bot as the assistant, whoever looks", () => {
    expect(outboundAuthor(outbound({ kind: "bot" }), ANA)).toEqual({ kind: "bot" });
  });

  it("names no one for an agent whose account is gone", () => {
    expect(outboundAuthor(outbound({ kind: "agent", userId: null, name: null }), ANA)).toEqual({ kind: "formerAgent" });
    expect(outboundAuthor(outbound({ kind: "agent", userId: BRUNO, name: " " }), ANA)).toEqual({ kind: "formerAgent" });
  });

  it("does not take a message for the viewer's own when the viewer is unknown", () => {
    expect(outboundAuthor(outbound({ kind: "agent", userId: null, name: null }), null)).toEqual({ kind: "formerAgent" });
    expect(outboundAuthor(outbound({ kind: "agent", userId: ANA, name: "Ana Souza" }), null)).toEqual({ kind: "agent", firstName: "Ana" });
  });
});
