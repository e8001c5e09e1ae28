import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as leadsCsv } from "@/app/api/reports/leads.csv/route";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { getMonthlyAiUsage } from "@/lib/ai/usage";
import { loadActiveMember } from "@/lib/auth/member";
import { loadBusinessHours } from "@/lib/business-hours/settings";
import { businessHoursSection } from "@/lib/business-hours/schedule";
import type { DbConnection } from "@/lib/db/client";
import { aiUsage, authSessions, contacts, leads, settings, workspaces } from "@/lib/db/schema";
import { listLeads } from "@/lib/leads/queries";
import { publish } from "@/lib/realtime/publish";
import { leadsBySource } from "@/lib/reports/lead-sources";
import { parseReportPeriod, startOfDayIn, todayIn } from "@/lib/reports/period";
import { getSettings } from "@/lib/settings/stored-section";
import { getWorkspaceTimeZone, saveWorkspaceTimeZone } from "@/lib/workspaces/time-zone";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

type Member = Awaited<ReturnType<typeof createMember>>;
let connection: DbConnection;
const db = () => connection.db;
let workspaceId: string;
let otherWorkspaceId: string;
let admin: Member;
let agent: Member;

const asAdmin = () => actAs({ ...admin, workspaceId, role: "admin" });
const VALID = {
  timeZone: "Europe/Lisbon",
  intervals: [
    { day: 1, start: "22:00", end: "02:00" },
    { day: 2, start: "08:00", end: "12:00" },
    { day: 2, start: "13:30", end: "18:00" },
  ],
  holidays: [
    { date: "2026-12-25", name: "Natal" },
    { date: "2026-01-01", name: "Ano-novo" },
  ],
};
const save = (values: unknown) => saveSettingsAction({ section: "business-hours", values } as never);
const stored = async (id = workspaceId) => ({ ...(await loadBusinessHours(db(), id)), row: await db().select().from(settings).where(eq(settings.workspaceId, id)) });

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(db())).id;
  otherWorkspaceId = (await createWorkspace(db())).id;
  admin = await createMember(db(), { workspaceId, role: "admin" });
  agent = await createMember(db(), { workspaceId, role: "agent" });
});
afterAll(async () => {
  actAs(null);
  await connection.close();
});
beforeEach(() => vi.mocked(publish).mockClear());

describe("the business hours settings", () => {
  it("are Monday to Friday 08:00–18:00 in São Paulo for a workspace that never saved them", async () => {
    expect(await loadBusinessHours(db(), workspaceId)).toEqual({
      hours: { intervals: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" })), holidays: [] },
      timeZone: "America/Sao_Paulo",
    });
  });

  it("are saved by an admin with the time zone, holidays sorted, announced to the workspace, other workspace untouched", async () => {
    asAdmin();
    expect(await save(VALID)).toMatchObject({ ok: true });
    expect(await loadBusinessHours(db(), workspaceId)).toEqual({
      hours: {
        intervals: VALID.intervals,
        holidays: [
          { date: "2026-01-01", name: "Ano-novo" },
          { date: "2026-12-25", name: "Natal" },
        ],
      },
      timeZone: "Europe/Lisbon",
    });
    expect(publish).toHaveBeenCalledWith([{ channel: `private-workspace-${workspaceId}`, name: "settings.updated", data: { section: "business-hours" } }]);
    expect(await getWorkspaceTimeZone(db(), otherWorkspaceId)).toBe("America/Sao_Paulo");
    expect(await db().select().from(settings).where(eq(settings.workspaceId, otherWorkspaceId))).toEqual([]);
  });

  it("store a time zone as Intl spells it", async () => {
    asAdmin();
    expect(await save({ ...VALID, timeZone: "america/new_york" })).toMatchObject({ ok: true });
    expect(await getWorkspaceTimeZone(db(), workspaceId)).toBe("America/New_York");
    expect(await save(VALID)).toMatchObject({ ok: true });
  });

  it("are refused to an agent as not found, changing nothing", async () => {
    const before = await stored();
    actAs({ ...agent, workspaceId, role: "agent" });
    expect(await save({ ...VALID, timeZone: "Asia/Tokyo", intervals: [] })).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await stored()).toEqual(before);
    expect(publish).not.toHaveBeenCalled();
  });

  it("refuse hostile values as field errors at their place, storing nothing", async () => {
    asAdmin();
    const before = await stored();
    const holidays201 = Array.from({ length: 201 }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), name: "x" }));
    const cases: [unknown, Record<string, string>][] = [
      [{ ...VALID, timeZone: "Mars/Olympus_Mons" }, { "values.timeZone": "Choose a time zone from the list." }],
      [{ ...VALID, timeZone: "-03:00" }, { "values.timeZone": "Choose a time zone from the list." }],
      [{ ...VALID, timeZone: "America/Sao_Paulo\u0000" }, { "values.timeZone": "Choose a time zone from the list." }],
      [{ ...VALID, timeZone: "A".repeat(10_000) }, { "values.timeZone": "Choose a time zone from the list." }],
      [{ ...VALID, timeZone: 42 }, { "values.timeZone": expect.any(String) }],
      [{ ...VALID, holidays: [{ date: "2026-05-01", name: "Dia do\u0000Trabalho" }] }, { "values.holidays.0.name": "Remove the line breaks and invisible control characters." }],
      [{ ...VALID, holidays: [{ date: "2026-05-01", name: "x".repeat(10_000) }] }, { "values.holidays.0.name": "Use at most 80 characters." }],
      [{ ...VALID, holidays: holidays201 }, { "values.holidays": "Must be at most 200." }],
      [{ ...VALID, holidays: [{ date: "2026-02-30", name: "" }] }, { "values.holidays.0.date": "Enter a valid date." }],
      [{ ...VALID, intervals: [{ day: 7, start: "08:00", end: "18:00" }] }, { "values.intervals.0.day": "Must be at most 6." }],
      [{ ...VALID, intervals: [VALID.intervals[0], { day: 2, start: "08:00", end: "25:00" }] }, { "values.intervals.1.end": "Enter a time as HH:MM, e.g. 08:00." }],
      [{ ...VALID, intervals: Array.from({ length: 29 }, () => VALID.intervals[1]) }, { "values.intervals": "Must be at most 28." }],
    ];
    for (const [values, fieldErrors] of cases) {
      const result = await save(values);
      expect(result, JSON.stringify(values).slice(0, 120)).toEqual({ ok: false, code: "bad_request:fields", error: expect.any(String), fieldErrors });
    }
    expect(await stored()).toEqual(before);
    expect(publish).not.toHaveBeenCalled();
  });

  it("refuse a time zone the database does not know, inside the transaction, keeping the schedule", async () => {
    const before = await stored();
    await expect(
      connection.db.transaction(async (tx) => {
        await saveWorkspaceTimeZone(tx, workspaceId, "Not/A_Zone");
      }),
    ).rejects.toMatchObject({ fields: { timeZone: { key: "time_zone" } } });
    expect(await stored()).toEqual(before);
  });

  it("are carried by the signed-in member, and a stored zone this runtime cannot read falls back to São Paulo", async () => {
    const [session] = await db()
      .insert(authSessions)
      .values({ userId: agent.userId, workspaceId, expiresAt: new Date(Date.now() + 86_400_000) })
      .returning({ id: authSessions.id });
    const sessionMember = () => loadActiveMember(db(), agent.userId, workspaceId, session!.id);
    expect((await sessionMember())?.timeZone).toBe("Europe/Lisbon");
    await db().update(workspaces).set({ timeZone: "+03:00" }).where(eq(workspaces.id, workspaceId));
    expect((await sessionMember())?.timeZone).toBe("America/Sao_Paulo");
    await db().update(workspaces).set({ timeZone: "Europe/Lisbon" }).where(eq(workspaces.id, workspaceId));
  });
});

describe("the workspace's time zone moves the business's day", () => {
  let dayWs: string;
  let dayAdmin: Member;
  let leadId: string;
  // 02:00 UTC on Tuesday 10 March 2026: still Monday 9 March, 23:00, in São Paulo; 02:00 on the 10th in Lisbon.
  const CREATED = new Date("2026-03-10T02:00:00Z");

  beforeAll(async () => {
    dayWs = (await createWorkspace(db())).id;
    dayAdmin = await createMember(db(), { workspaceId: dayWs, role: "admin" });
    const [contact] = await db().insert(contacts).values({ workspaceId: dayWs, waId: "5511988887777" }).returning();
    const [lead] = await db().insert(leads).values({ workspaceId: dayWs, contactId: contact!.id, createdAt: CREATED }).returning();
    leadId = lead!.id;
  });

  const actor = () => ({ userId: dayAdmin.userId, workspaceId: dayWs, role: "admin" as const });
  const ids = async (filter: Parameters<typeof listLeads>[2]) => (await listLeads(db(), actor(), filter)).items.map((item) => item.id);

  it("in the leads' created-from/to filter", async () => {
    expect(await ids({ createdFrom: "2026-03-09", createdTo: "2026-03-09", timeZone: "America/Sao_Paulo" })).toEqual([leadId]);
    expect(await ids({ createdFrom: "2026-03-10", createdTo: "2026-03-10", timeZone: "America/Sao_Paulo" })).toEqual([]);
    expect(await ids({ createdFrom: "2026-03-09", createdTo: "2026-03-09", timeZone: "Europe/Lisbon" })).toEqual([]);
    expect(await ids({ createdFrom: "2026-03-10", createdTo: "2026-03-10", timeZone: "Europe/Lisbon" })).toEqual([leadId]);
  });

  it("in the report's period and day buckets", async () => {
    const bucketOf = async (timeZone: string, day: string) => {
      const period = parseReportPeriod({ from: day, to: day }, timeZone);
      return leadsBySource(db(), { workspaceId: dayWs, from: period.start, to: period.end, bucket: "day", timeZone });
    };
    expect(await bucketOf("America/Sao_Paulo", "2026-03-09")).toMatchObject([{ bucket: "2026-03-09", count: 1 }]);
    expect(await bucketOf("America/Sao_Paulo", "2026-03-10")).toEqual([]);
    expect(await bucketOf("Europe/Lisbon", "2026-03-10")).toMatchObject([{ bucket: "2026-03-10", count: 1 }]);
    expect(await bucketOf("Europe/Lisbon", "2026-03-09")).toEqual([]);
  });

  it("in the leads report CSV, once an admin saves another time zone", async () => {
    actAs({ ...dayAdmin, workspaceId: dayWs, role: "admin" });
    const csv = async () => (await leadsCsv(new Request("http://localhost/api/reports/leads.csv?from=2026-03-09&to=2026-03-10&bucket=day"), {})).text();
    expect(await csv()).toContain("2026-03-09");
    expect(await save({ ...VALID, timeZone: "Europe/Lisbon" })).toMatchObject({ ok: true });
    const lisbon = await csv();
    expect(lisbon).toContain("2026-03-10");
    expect(lisbon).not.toContain("2026-03-09");
  });

  it("in the AI usage month", async () => {
    const now = new Date();
    const monthStart = (timeZone: string) => startOfDayIn(`${todayIn(timeZone, now).slice(0, 7)}-01`, timeZone);
    const boundary = monthStart("America/Sao_Paulo");
    const row = { workspaceId: dayWs, userId: null, action: "translate", model: "gpt-4o-mini", inputTokens: 1, outputTokens: 1, durationMs: 1, success: true };
    await db().insert(aiUsage).values([
      { ...row, createdAt: new Date(boundary.getTime() - 60_000) },
      { ...row, createdAt: new Date(boundary.getTime() + 60_000) },
    ]);
    const expected = (timeZone: string) => [boundary.getTime() - 60_000, boundary.getTime() + 60_000].filter((t) => t >= monthStart(timeZone).getTime()).length;
    expect((await getMonthlyAiUsage(db(), dayWs, "America/Sao_Paulo")).calls).toBe(1);
    expect((await getMonthlyAiUsage(db(), dayWs, "Asia/Tokyo")).calls).toBe(expected("Asia/Tokyo"));
    expect((await getMonthlyAiUsage(db(), dayWs, "Pacific/Honolulu")).calls).toBe(expected("Pacific/Honolulu"));
  });

  it("leaves the schedule of every other workspace alone", async () => {
    expect(await getSettings(db(), otherWorkspaceId, businessHoursSection)).toEqual({
      intervals: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" })),
      holidays: [],
    });
  });
});
