import { describe, expect, it } from "vitest";
import { countryOfNumber, parseWhatsAppNumber } from "@/lib/whatsapp/phone-number";

describe("parseWhatsAppNumber", () => {
  it.each([
    ["+55 11 98765-4321", "5511987654321"],
    ["(11) 98765-4321", "5511987654321"],
    ["11987654321", "5511987654321"],
    ["5511987654321", "5511987654321"],
    ["011 98765 4321", "5511987654321"],
  ])("reads the Brazilian mobile %s", (typed, waId) => {
    expect(parseWhatsAppNumber(typed)).toEqual({ waId, e164: `+${waId}`, display: "+55 11 98765 4321", candidates: [waId, "551187654321"] });
  });

  it("adds the 9th digit to a mobile typed in the old 8-digit form, and still finds it without", () => {
    expect(parseWhatsAppNumber("(21) 8765-4321")).toEqual({
      waId: "5521987654321",
      e164: "+5521987654321",
      display: "+55 21 98765 4321",
      candidates: ["5521987654321", "552187654321"],
    });
    expect(parseWhatsAppNumber("+55 21 8765 4321")?.waId).toBe("5521987654321");
  });

  it("leaves a landline as typed", () => {
    expect(parseWhatsAppNumber("(11) 3333-4444")).toEqual({ waId: "551133334444", e164: "+551133334444", display: "+55 11 3333 4444", candidates: ["551133334444"] });
  });

  it("reads other countries from their + prefix, and by the business's country without it", () => {
    expect(parseWhatsAppNumber("+1 415 555 2671")).toEqual({ waId: "14155552671", e164: "+14155552671", display: "+1 415 555 2671", candidates: ["14155552671"] });
    expect(parseWhatsAppNumber("(415) 555-2671", "US")?.waId).toBe("14155552671");
    expect(parseWhatsAppNumber("+351 912 345 678")?.waId).toBe("351912345678");
  });

  it.each(["", "abc", "123", "+55 11", "11 98765-4321\u0000", "9".repeat(80), "+999 123456789"])("refuses %j", (typed) => {
    expect(parseWhatsAppNumber(typed)).toBeNull();
  });
});

describe("countryOfNumber", () => {
  it("reads the business number's country, Brazil when it cannot tell", () => {
    expect(countryOfNumber("+55 11 4000-1234")).toBe("BR");
    expect(countryOfNumber("+1 415-555-2671")).toBe("US");
    expect(countryOfNumber("14155552671")).toBe("US");
    expect(countryOfNumber(null)).toBe("BR");
    expect(countryOfNumber("garbage")).toBe("BR");
  });
});
