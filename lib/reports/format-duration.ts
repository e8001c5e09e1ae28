export type DurationUnit = "days" | "hours" | "minutes" | "seconds";

const UNITS: [DurationUnit, number][] = [
  ["days", 86_400],
  ["hours", 3_600],
  ["minutes", 60],
  ["seconds", 1],
];

/**
 * A duration as its two largest units, the way people say it: 200 s is
 * "3 min 20 s", 3 900 s is "1 h 5 min", 180 s is "3 min". Seconds are
 * rounded; a trailing zero unit is dropped.
 */
export function durationParts(totalSeconds: number): { unit: DurationUnit; count: number }[] {
  let rest = Math.max(0, Math.round(totalSeconds));
  const parts: { unit: DurationUnit; count: number }[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (parts.length > 0) {
      if (count > 0) parts.push({ unit, count });
      break;
    }
    if (count > 0) parts.push({ unit, count });
  }
  return parts.length > 0 ? parts : [{ unit: "seconds", count: 0 }];
}

/** Formats with a translator whose `units.<unit>` messages take `{count}` (messages/*.json, reports.units). */
export function formatDuration(totalSeconds: number, t: (key: `units.${DurationUnit}`, values: { count: number }) => string): string {
  return durationParts(totalSeconds)
    .map(({ unit, count }) => t(`units.${unit}`, { count }))
    .join(" ");
}
