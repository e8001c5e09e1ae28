/** The schedule's limits, browser-safe (the form imports them; schedule.ts pulls in the settings storage). */

/** 0 = Sunday ... 6 = Saturday, as `Date#getDay`. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
/** Four intervals a day, every day. */
export const INTERVALS_MAX = 28;
export const HOLIDAYS_MAX = 200;
export const HOLIDAY_NAME_MAX = 80;
