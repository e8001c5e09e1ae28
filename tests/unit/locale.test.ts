import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "@/lib/i18n/config";

describe("locale resolution", () => {
  it("prefers the member's saved language over the cookie and the browser", () => {
    expect(resolveLocale({ preference: "en", cookie: "pt-BR", acceptLanguage: "pt-BR" })).toBe("en");
  });

  it("falls back to the cookie, then Accept-Language, then pt-BR", () => {
    expect(resolveLocale({ cookie: "en", acceptLanguage: "pt-BR" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "en-GB,en;q=0.8" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "de-DE,fr;q=0.9" })).toBe("pt-BR");
    expect(resolveLocale({})).toBe("pt-BR");
  });

  it("ignores unsupported saved values", () => {
    expect(resolveLocale({ preference: "fr", cookie: "xx", acceptLanguage: "en" })).toBe("en");
  });

  it("honours quality values and maps any Portuguese to pt-BR", () => {
    expect(localeFromAcceptLanguage("en;q=0.5,pt-PT;q=0.9")).toBe("pt-BR");
    expect(localeFromAcceptLanguage("pt;q=0,en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBeNull();
  });
});
