/**
 * Time zone names. The workspace's zone (`workspaces.time_zone`, read and saved in
 * lib/workspaces/time-zone.ts) is the business's calendar day: business hours, holidays, report days,
 * lead date filters, AI usage months and the dates screens show. Base layer: sessions and i18n use it.
 */
export const DEFAULT_TIME_ZONE = "America/Sao_Paulo";

// An IANA name ("America/Sao_Paulo", "UTC", "Etc/GMT+3"). Intl also takes offsets such as "+03:00",
// which Postgres reads as POSIX offsets with the opposite sign: a report would shift the wrong way.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** Whether the name is an IANA time zone this runtime knows (Intl's database); offsets are refused. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || !timeZone || timeZone.length > 64 || !IANA_NAME.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The name as Intl spells it ("america/sao_paulo" and "Brazil/East" are "America/Sao_Paulo"), for a known zone. */
export function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
}

/** A stored name this runtime cannot read (written by hand, or dropped from a newer tz database) reads as the default. */
export function usableTimeZone(stored: string | null | undefined): string {
  return stored && isKnownTimeZone(stored) ? stored : DEFAULT_TIME_ZONE;
}
