import { describe, expect, it } from "vitest";
import {
  businessHoursSection,
  canonicalTimeZone,
  isKnownTimeZone,
  isOpenAt,
  localTime,
  type BusinessHours,
  type OpeningInterval,
} from "@/lib/business-hours/schedule";

// March 2026: Sunday the 1st, so Friday the 6th, Saturday the 7th, Monday the 9th.
const SAO_PAULO = "America/Sao_Paulo"; // UTC-3 all year
const sp = (local: string) => new Date(`${local}:00-03:00`);
const hours = (intervals: OpeningInterval[], holidays: BusinessHours["holidays"] = []): BusinessHours => ({ intervals, holidays });
const open = (schedule: BusinessHours, instant: Date, timeZone = SAO_PAULO) => isOpenAt(schedule, timeZone, instant);

describe("localTime", () => {
  it("reads the wall clock of the zone, midnight as 0 minutes", () => {
    expect(localTime(new Date("2026-03-07T03:00:00Z"), SAO_PAULO)).toEqual({ date: "2026-03-07", weekday: 6, minutes: 0 });
    expect(localTime(new Date("2026-03-07T02:59:00Z"), SAO_PAULO)).toEqual({ date: "2026-03-06", weekday: 5, minutes: 23 * 60 + 59 });
  });
});

describe("isOpenAt", () => {
  const weekdays = hours([1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" })));

  it("opens at the start minute and closes at the end minute (start inclusive, end exclusive)", () => {
    expect(open(weekdays, sp("2026-03-09T07:59"))).toBe(false);
    expect(open(weekdays, sp("2026-03-09T08:00"))).toBe(true);
    expect(open(weekdays, sp("2026-03-09T17:59"))).toBe(true);
    expect(open(weekdays, sp("2026-03-09T18:00"))).toBe(false);
  });

  it("is closed on a day without intervals", () => {
    expect(open(weekdays, sp("2026-03-08T12:00"))).toBe(false); // Sunday
    expect(open(hours([]), sp("2026-03-09T12:00"))).toBe(false);
  });

  it("runs an interval whose end is not after its start past midnight, into the next day", () => {
    const fridayNight = hours([{ day: 5, start: "22:00", end: "02:00" }]);
    expect(open(fridayNight, sp("2026-03-06T21:59"))).toBe(false);
    expect(open(fridayNight, sp("2026-03-06T22:00"))).toBe(true);
    expect(open(fridayNight, sp("2026-03-06T23:59"))).toBe(true);
    expect(open(fridayNight, sp("2026-03-07T00:00"))).toBe(true);
    expect(open(fridayNight, sp("2026-03-07T01:00"))).toBe(true);
    expect(open(fridayNight, sp("2026-03-07T02:00"))).toBe(false);
    // The interval belongs to Friday: Saturday evening is closed, and so are Friday's small hours.
    expect(open(fridayNight, sp("2026-03-07T22:30"))).toBe(false);
    expect(open(fridayNight, sp("2026-03-06T01:00"))).toBe(false);
  });

  it("reads 00:00–00:00 as the whole day, and only that day", () => {
    const sunday = hours([{ day: 0, start: "00:00", end: "00:00" }]);
    expect(open(sunday, sp("2026-03-08T00:00"))).toBe(true);
    expect(open(sunday, sp("2026-03-08T12:00"))).toBe(true);
    expect(open(sunday, sp("2026-03-08T23:59"))).toBe(true);
    expect(open(sunday, sp("2026-03-09T00:00"))).toBe(false);
    expect(open(sunday, sp("2026-03-07T23:59"))).toBe(false);
  });

  it("closes a holiday all day, while the evening before still runs into it past midnight", () => {
    const schedule = hours(
      [
        { day: 0, start: "22:00", end: "02:00" },
        { day: 1, start: "08:00", end: "18:00" },
        { day: 1, start: "22:00", end: "02:00" },
        { day: 2, start: "08:00", end: "18:00" },
      ],
      [{ date: "2026-03-09", name: "Feriado municipal" }], // Monday
    );
    // Sunday night's interval runs into the holiday Monday: that is the documented rule.
    expect(open(schedule, sp("2026-03-09T01:30"))).toBe(true);
    expect(open(schedule, sp("2026-03-09T02:00"))).toBe(false);
    expect(open(schedule, sp("2026-03-09T08:00"))).toBe(false);
    expect(open(schedule, sp("2026-03-09T12:00"))).toBe(false);
    expect(open(schedule, sp("2026-03-09T22:30"))).toBe(false);
    // Monday's night interval started on the holiday, so its part after midnight is closed too.
    expect(open(schedule, sp("2026-03-10T01:00"))).toBe(false);
    expect(open(schedule, sp("2026-03-10T08:00"))).toBe(true);
    // The same Monday a week later is an ordinary day.
    expect(open(schedule, sp("2026-03-16T12:00"))).toBe(true);
  });

  it("takes several intervals on one day (a lunch break)", () => {
    const lunch = hours([
      { day: 3, start: "08:00", end: "12:00" },
      { day: 3, start: "13:30", end: "18:00" },
    ]);
    expect(open(lunch, sp("2026-03-11T11:59"))).toBe(true);
    expect(open(lunch, sp("2026-03-11T12:00"))).toBe(false);
    expect(open(lunch, sp("2026-03-11T13:29"))).toBe(false);
    expect(open(lunch, sp("2026-03-11T13:30"))).toBe(true);
    expect(open(lunch, sp("2026-03-11T18:00"))).toBe(false);
  });

  it("reads the schedule in the given time zone", () => {
    const mondayMorning = hours([{ day: 1, start: "08:00", end: "12:00" }]);
    const instant = new Date("2026-03-09T08:30:00Z"); // 05:30 in São Paulo, 08:30 in Lisbon, 17:30 in Tokyo
    expect(open(mondayMorning, instant, SAO_PAULO)).toBe(false);
    expect(open(mondayMorning, instant, "Europe/Lisbon")).toBe(true);
    expect(open(mondayMorning, instant, "Asia/Tokyo")).toBe(false);
    expect(open(mondayMorning, new Date("2026-03-08T23:30:00Z"), "Asia/Tokyo")).toBe(true); // Monday 08:30 in Tokyo
  });

  it("follows daylight saving time (America/New_York in March and November)", () => {
    const mondays = hours([{ day: 1, start: "08:00", end: "17:00" }]);
    const ny = "America/New_York";
    // 12:30 UTC: 07:30 EST before the change (Sunday 8 March 2026), 08:30 EDT after it.
    expect(open(mondays, new Date("2026-03-02T12:30:00Z"), ny)).toBe(false);
    expect(open(mondays, new Date("2026-03-09T12:30:00Z"), ny)).toBe(true);
    expect(open(mondays, new Date("2026-03-09T21:00:00Z"), ny)).toBe(false); // 17:00 EDT
    // Back to EST on Sunday 1 November 2026: 12:30 UTC is 08:30 EDT on 26 October, 07:30 EST on 2 November.
    expect(open(mondays, new Date("2026-10-26T12:30:00Z"), ny)).toBe(true);
    expect(open(mondays, new Date("2026-11-02T12:30:00Z"), ny)).toBe(false);
    expect(open(mondays, new Date("2026-11-02T13:00:00Z"), ny)).toBe(true);
  });

  it("runs an interval past midnight across a daylight saving change", () => {
    const saturdayNight = hours([{ day: 6, start: "22:00", end: "04:00" }]);
    const ny = "America/New_York";
    // Saturday 7 March 23:00 EST; at 02:00 on Sunday the clocks jump to 03:00 EDT.
    expect(open(saturdayNight, new Date("2026-03-08T04:00:00Z"), ny)).toBe(true);
    expect(open(saturdayNight, new Date("2026-03-08T07:30:00Z"), ny)).toBe(true); // 03:30 EDT
    expect(open(saturdayNight, new Date("2026-03-08T08:00:00Z"), ny)).toBe(false); // 04:00 EDT
  });
});

describe("isKnownTimeZone", () => {
  it("knows IANA names", () => {
    for (const zone of ["America/Sao_Paulo", "Europe/Lisbon", "America/New_York", "UTC", "Etc/GMT+3", "America/Argentina/Buenos_Aires"]) {
      expect(isKnownTimeZone(zone), zone).toBe(true);
    }
  });

  it("refuses bogus names, offsets (Postgres reads them with the opposite sign), and hostile text", () => {
    for (const zone of ["", "Mars/Olympus_Mons", "America/Sao Paulo", "+03:00", "-03:00", "GMT-3 ", "America/Sao_Paulo\u0000", "../etc/passwd", "A".repeat(65), "x".repeat(10_000)]) {
      expect(isKnownTimeZone(zone), JSON.stringify(zone.slice(0, 20))).toBe(false);
    }
    expect(isKnownTimeZone(undefined as unknown as string)).toBe(false);
  });

  it("spells a known name as Intl does", () => {
    expect(canonicalTimeZone("america/sao_paulo")).toBe("America/Sao_Paulo");
    expect(canonicalTimeZone("Europe/Lisbon")).toBe("Europe/Lisbon");
  });
});

describe("the business hours section schema", () => {
  const parse = (values: unknown) => businessHoursSection.schema.safeParse(values);
  const paths = (values: unknown) => {
    const result = parse(values);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
  };

  it("defaults to Monday to Friday, 08:00–18:00, without holidays", () => {
    const result = parse({});
    expect(result.success && result.data).toEqual({
      intervals: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" })),
      holidays: [],
    });
  });

  it("keeps holidays sorted by date, once per date, names trimmed", () => {
    const result = parse({
      intervals: [],
      holidays: [
        { date: "2026-12-25", name: " Natal " },
        { date: "2026-01-01", name: "Ano-novo" },
        { date: "2026-12-25", name: "again" },
      ],
    });
    expect(result.success && result.data.holidays).toEqual([
      { date: "2026-01-01", name: "Ano-novo" },
      { date: "2026-12-25", name: "Natal" },
    ]);
  });

  it("refuses times that are not HH:MM on a 24-hour clock", () => {
    expect(paths({ intervals: [{ day: 1, start: "25:00", end: "18:00" }] })).toEqual(["intervals.0.start"]);
    expect(paths({ intervals: [{ day: 1, start: "08:00", end: "8:00" }] })).toEqual(["intervals.0.end"]);
    expect(paths({ intervals: [{ day: 1, start: "24:00", end: "12:60" }] })).toEqual(["intervals.0.start", "intervals.0.end"]);
    expect(paths({ intervals: [{ day: 1, start: "08:00 ", end: "18:00" }] })).toEqual(["intervals.0.start"]);
  });

  it("refuses a day outside Sunday (0) to Saturday (6), and a day that is not a number", () => {
    expect(paths({ intervals: [{ day: 7, start: "08:00", end: "18:00" }] })).toEqual(["intervals.0.day"]);
    expect(paths({ intervals: [{ day: -1, start: "08:00", end: "18:00" }] })).toEqual(["intervals.0.day"]);
    expect(paths({ intervals: [{ day: 1.5, start: "08:00", end: "18:00" }] })).toEqual(["intervals.0.day"]);
    expect(paths({ intervals: [{ day: "", start: "08:00", end: "18:00" }] })).toEqual(["intervals.0.day"]);
  });

  it("refuses a date that does not exist", () => {
    expect(paths({ holidays: [{ date: "2026-02-30", name: "" }] })).toEqual(["holidays.0.date"]);
    expect(paths({ holidays: [{ date: "2026-13-01", name: "" }] })).toEqual(["holidays.0.date"]);
    expect(paths({ holidays: [{ date: "30/12/2026", name: "" }] })).toEqual(["holidays.0.date"]);
    expect(paths({ holidays: [{ date: "2028-02-29", name: "" }] })).toEqual([]); // a leap year
  });

  it("refuses more than 28 intervals and more than 200 holidays", () => {
    const interval = { day: 1, start: "08:00", end: "09:00" };
    expect(paths({ intervals: Array.from({ length: 28 }, () => interval) })).toEqual([]);
    expect(paths({ intervals: Array.from({ length: 29 }, () => interval) })).toEqual(["intervals"]);
    const holidays = (n: number) => Array.from({ length: n }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), name: "" }));
    expect(paths({ holidays: holidays(200) })).toEqual([]);
    expect(paths({ holidays: holidays(201) })).toEqual(["holidays"]);
  });

  it("refuses NUL and other control characters in a holiday name, and names over 80 characters", () => {
    expect(paths({ holidays: [{ date: "2026-01-01", name: "Ano\u0000novo" }] })).toEqual(["holidays.0.name"]);
    expect(paths({ holidays: [{ date: "2026-01-01", name: "Ano\nnovo" }] })).toEqual(["holidays.0.name"]);
    expect(paths({ holidays: [{ date: "2026-01-01", name: "x".repeat(81) }] })).toEqual(["holidays.0.name"]);
    expect(paths({ holidays: [{ date: "2026-01-01", name: "x".repeat(10_000) }] })).toEqual(["holidays.0.name"]);
    expect(parse({ holidays: [{ date: "2026-01-01", name: "x".repeat(80) }] }).success).toBe(true);
  });
});

describe("the time zone picker's options", () => {
  it("groups IANA names by region with their offset, UTC first, and always offers the current zone", async () => {
    const { timeZoneOptions } = await import("@/lib/workspaces/time-zone-options");
    const { utc, groups } = timeZoneOptions("Asia/Kolkata", new Date("2026-03-09T12:00:00Z"));
    expect(utc).toEqual({ value: "UTC", label: "UTC" });
    const america = groups.find((group) => group.region === "America")!;
    expect(america.zones).toContainEqual({ value: "America/Sao_Paulo", label: "Sao Paulo (GMT-3)" });
    expect(america.zones).toContainEqual({ value: "America/New_York", label: "New York (GMT-4)" }); // daylight time on 9 March
    expect(groups.flatMap((group) => group.zones.map((zone) => zone.value))).toContain("Asia/Kolkata");
    expect(groups.map((group) => group.region)).toEqual([...groups.map((group) => group.region)].sort());
  });
});
