import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/**
 * A number an agent typed to start a conversation, as WhatsApp ids it: digits of the E.164
 * form without "+", plus the other spellings the same customer may already be stored under.
 */
export type WhatsAppNumber = {
  /** What we send to and store for a new contact, e.g. 5511987654321. */
  waId: string;
  /** E.164 with "+". */
  e164: string;
  /** The international form people read, e.g. +55 11 98765 4321. */
  display: string;
  /** Every wa_id this customer may already have in our contacts, `waId` first. */
  candidates: string[];
};

const BRAZIL_COUNTRY_CODE = "55";

/**
 * Brazil added a 9 in front of every mobile number (2012–2016). People still type and store the
 * old 8-digit form, and WhatsApp's own wa_id for an account registered before the change often
 * lacks the 9: a mobile is the same customer with or without it. Landlines (subscriber numbers
 * starting 2–5) never had it.
 */
function brazilianSpellings(national: string): { canonical: string; candidates: string[] } {
  const area = national.slice(0, 2);
  const subscriber = national.slice(2);
  if (subscriber.length === 9 && subscriber.startsWith("9") && /^[6-9]/.test(subscriber.slice(1))) {
    return { canonical: national, candidates: [national, area + subscriber.slice(1)] };
  }
  if (subscriber.length === 8 && /^[6-9]/.test(subscriber)) {
    const withNine = `${area}9${subscriber}`;
    return { canonical: withNine, candidates: [withNine, national] };
  }
  return { canonical: national, candidates: [national] };
}

function readable(waId: string): string {
  return parsePhoneNumberFromString(`+${waId}`)?.formatInternational() ?? `+${waId}`;
}

/**
 * Reads a typed phone number, or null when it is not one. Without a country code it is taken as
 * a number of `defaultCountry` (the business's own country).
 */
export function parseWhatsAppNumber(input: string, defaultCountry: CountryCode = "BR"): WhatsAppNumber | null {
  if (input.length > 64 || /[\u0000-\u001f]/.test(input)) return null;
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  const countryCode = parsed.countryCallingCode;
  if (countryCode !== BRAZIL_COUNTRY_CODE) {
    const waId = `${countryCode}${parsed.nationalNumber}`;
    return { waId, e164: `+${waId}`, display: readable(waId), candidates: [waId] };
  }
  const spellings = brazilianSpellings(parsed.nationalNumber);
  const waId = BRAZIL_COUNTRY_CODE + spellings.canonical;
  return { waId, e164: `+${waId}`, display: readable(waId), candidates: spellings.candidates.map((n) => BRAZIL_COUNTRY_CODE + n) };
}

/** The country a business number belongs to, to read numbers typed without a country code. */
export function countryOfNumber(displayPhoneNumber: string | null | undefined): CountryCode {
  const digits = displayPhoneNumber?.replace(/[^\d+]/g, "") ?? "";
  const parsed = digits ? parsePhoneNumberFromString(digits.startsWith("+") ? digits : `+${digits}`) : undefined;
  return parsed?.country ?? "BR";
}
