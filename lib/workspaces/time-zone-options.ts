import "server-only";

export type TimeZoneOption = { value: string; label: string };
export type TimeZoneGroup = { region: string; zones: TimeZoneOption[] };

/**
 * The time zones the picker offers, grouped by region ("America", "Europe", ...) with their UTC
 * offset at `now`. Built on the server and sent to the form: the browser's Intl may list other names.
 * The current zone is always offered, even if this runtime no longer lists it.
 */
export function timeZoneOptions(current: string, now: Date = new Date()): { utc: TimeZoneOption; groups: TimeZoneGroup[] } {
  const names = new Set(Intl.supportedValuesOf("timeZone"));
  if (current !== "UTC") names.add(current);
  const offset = (timeZone: string) =>
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" }).formatToParts(now).find((part) => part.type === "timeZoneName")?.value ?? "";
  const groups = new Map<string, TimeZoneOption[]>();
  for (const name of [...names].sort()) {
    const slash = name.indexOf("/");
    const region = slash === -1 ? "Other" : name.slice(0, slash);
    const place = (slash === -1 ? name : name.slice(slash + 1)).replaceAll("_", " ");
    const zones = groups.get(region) ?? [];
    zones.push({ value: name, label: `${place} (${offset(name)})` });
    groups.set(region, zones);
  }
  return { utc: { value: "UTC", label: "UTC" }, groups: [...groups].map(([region, zones]) => ({ region, zones })) };
}
