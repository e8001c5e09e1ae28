import { describe, expect, it } from "vitest";
import { sendFailure, type SendFailureKey } from "@/lib/inbox/send-errors";
import en from "@/messages/en.json";
import ptBR from "@/messages/pt-BR.json";

const reasons = (catalogue: typeof en) => catalogue.inbox.message.failedReasons as Record<string, string>;

describe("a failed send in words", () => {
  it.each([
    [131047, "windowClosed"],
    [131026, "undeliverable"],
    [130429, "rateLimited"],
    [131056, "rateLimited"],
    [131051, "unsupportedType"],
    [132000, "templateParams"],
    [132012, "templateParams"],
    [132018, "templateParams"],
    [132001, "templateMissing"],
    [132005, "templateTooLong"],
    [132007, "templatePolicy"],
    [132015, "templatePaused"],
    [132016, "templateDisabled"],
    [132068, "flowBlocked"],
    [132069, "flowThrottled"],
    [190, "tokenExpired"],
    [100, "invalidParameter"],
  ] as const)("explains Meta's code %i by its own sentence (%s)", (code, key) => {
    expect(sendFailure({ code })).toEqual({ key });
  });

  it("explains a code it does not know by a generic sentence that names the number", () => {
    expect(sendFailure({ code: 131999 })).toEqual({ key: "metaCode", values: { code: 131999 } });
  });

  it("explains our own reasons: no answer in time, no connection, something unexpected", () => {
    expect(sendFailure({ reason: "timeout" })).toEqual({ key: "timeout" });
    expect(sendFailure({ reason: "network" })).toEqual({ key: "network" });
    expect(sendFailure({ reason: "unexpected" })).toEqual({ key: "unexpected" });
  });

  it("prefers the code to Meta's English words stored beside it (status webhooks store both)", () => {
    expect(sendFailure({ code: 131047, title: "Re-engagement message", details: "Message failed to send because more than 24 hours have passed" })).toEqual({
      key: "windowClosed",
    });
  });

  it("reads the English sentences stored before codes as the reasons they meant", () => {
    expect(sendFailure({ title: "WhatsApp did not answer in time" })).toEqual({ key: "timeout" });
    expect(sendFailure({ title: "Could not reach WhatsApp" })).toEqual({ key: "network" });
    expect(sendFailure({ title: "Unexpected error while sending" })).toEqual({ key: "unexpected" });
  });

  it("shows an older row's own words when it has no code it can map, and a generic sentence when it has nothing", () => {
    expect(sendFailure({ title: "Something Meta said", details: "More of it" })).toEqual({ key: null, text: "More of it" });
    expect(sendFailure({ title: "Something Meta said" })).toEqual({ key: null, text: "Something Meta said" });
    expect(sendFailure({})).toEqual({ key: "unknown" });
    expect(sendFailure(null)).toEqual({ key: "unknown" });
  });

  it("has a sentence in English and Portuguese for every key it answers with", () => {
    const keys: SendFailureKey[] = [
      "windowClosed", "undeliverable", "rateLimited", "unsupportedType", "templateParams", "tokenExpired", "invalidParameter",
      "network", "timeout", "unexpected", "metaCode", "unknown",
    ];
    for (const key of keys) {
      expect(reasons(en)[key], key).toBeTruthy();
      expect(reasons(ptBR as typeof en)[key], key).toBeTruthy();
    }
    expect(reasons(en).metaCode).toContain("{code}");
  });
});
