import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { businessHoursSection, localTime } from "@/lib/business-hours/schedule";
import { workspaces } from "@/lib/db/schema";
import { saveSettings } from "@/lib/settings/stored-section";
import { ruleBotsWorld, SECOND, type RuleBotsWorld } from "../support/rule-bots";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));
// The test's clock runs the jobs a webhook enqueues (see tests/support/rule-bots.ts).
vi.mock("@/lib/composition/drain-jobs", () => ({ drainDueJobs: vi.fn(async () => null), drainWhenDue: vi.fn(async () => null) }));

const PHONE = "100000000000306";
const ZONE = "America/Sao_Paulo";
const MINUTE = 60 * SECOND;
let w: RuleBotsWorld;

beforeAll(async () => {
  w = await ruleBotsWorld({ phone: PHONE });
});
afterAll(() => w?.close());
beforeEach(async () => {
  await w.reset();
  await w.db.update(workspaces).set({ timeZone: ZONE }).where(eq(workspaces.id, w.workspaceId));
  await w.insertBot({ trigger: "away", reply: { kind: "text", text: "Estamos fechados" } });
});

/**
 * The next instant (within a day, so the customer's 24-hour window stays
 * open) at which the clock in `timeZone` reads hh:mm: the bot turn runs then.
 */
function nextLocal(hhmm: string, timeZone = ZONE): Date {
  const target = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const start = Math.ceil((Date.now() + 2 * MINUTE) / MINUTE) * MINUTE;
  for (let t = start; t < start + 24 * 60 * MINUTE; t += MINUTE) if (localTime(new Date(t), timeZone).minutes === target) return new Date(t);
  throw new Error(`no ${hhmm} within a day`);
}
const dayBefore = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) - 24 * 3_600_000).toISOString().slice(0, 10);

/** A new customer writes now; the bot turn and its reply run at `at`. What did the customer get? */
async function customerWritesAndTurnRunsAt(at: Date): Promise<string[]> {
  const waId = w.newCustomer();
  await w.post([w.text(waId, "oi")]);
  await w.drain(at);
  return w.sentTo(waId).map((body) => (body.text as { body: string }).body);
}

describe("business hours (the away bot)", () => {
  it("an evening interval runs past midnight into the next day, and ends", async () => {
    // Every evening, so that each check can take the next such hour within the customer's 24-hour window,
    // whatever the hour the test runs at (01:00 and 02:30 of one night do not both fit between 00:58 and 02:30).
    const evenings = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "22:00", end: "02:00" }));
    await saveSettings(w.db, w.workspaceId, businessHoursSection, { intervals: evenings, holidays: [] }, null);
    expect(await customerWritesAndTurnRunsAt(nextLocal("01:00"))).toEqual([]);
    expect(await customerWritesAndTurnRunsAt(nextLocal("02:30"))).toEqual(["Estamos fechados"]);
  });

  it("a holiday closes the intervals that start on it, past midnight too", async () => {
    const oneAm = nextLocal("01:00");
    const { weekday, date } = localTime(oneAm, ZONE);
    const evening = { day: (weekday + 6) % 7, start: "22:00", end: "02:00" };
    await saveSettings(w.db, w.workspaceId, businessHoursSection, { intervals: [evening], holidays: [{ date: dayBefore(date), name: "Feriado" }] }, null);
    expect(await customerWritesAndTurnRunsAt(oneAm)).toEqual(["Estamos fechados"]);
  });

  it("a holiday closes a working day that is open otherwise", async () => {
    const tenAm = nextLocal("10:00");
    const { date } = localTime(tenAm, ZONE);
    const weekdays = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "08:00", end: "18:00" }));
    await saveSettings(w.db, w.workspaceId, businessHoursSection, { intervals: weekdays, holidays: [] }, null);
    expect(await customerWritesAndTurnRunsAt(tenAm)).toEqual([]);
    await saveSettings(w.db, w.workspaceId, businessHoursSection, { intervals: weekdays, holidays: [{ date, name: "Natal" }] }, null);
    expect(await customerWritesAndTurnRunsAt(tenAm)).toEqual(["Estamos fechados"]);
  });

  it("are read in the workspace's time zone", async () => {
    const tenAmHere = nextLocal("10:00");
    const weekdays = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "08:00", end: "18:00" }));
    await saveSettings(w.db, w.workspaceId, businessHoursSection, { intervals: weekdays, holidays: [] }, null);
    await w.db.update(workspaces).set({ timeZone: "Asia/Tokyo" }).where(eq(workspaces.id, w.workspaceId));
    // 10:00 in São Paulo is 22:00 in Tokyo.
    expect(await customerWritesAndTurnRunsAt(tenAmHere)).toEqual(["Estamos fechados"]);
    // A time zone the runtime does not know falls back to São Paulo's (a hand-edited row must not stop the bots).
    await w.db.update(workspaces).set({ timeZone: "Mars/Olympus_Mons" }).where(eq(workspaces.id, w.workspaceId));
    expect(await customerWritesAndTurnRunsAt(tenAmHere)).toEqual([]);
  });
});
