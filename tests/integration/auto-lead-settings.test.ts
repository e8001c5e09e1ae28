import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import type { DbConnection } from "@/lib/db/client";
import { leadSources } from "@/lib/db/schema";
import { addSource, archiveSource } from "@/lib/leads/sources";
import { publish } from "@/lib/realtime/publish";
import { autoLeadSection, type AutoLeadSettings } from "@/lib/settings/auto-lead";
import { getSettings } from "@/lib/settings/stored-section";
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
let otherAgent: Member;

const DEFAULTS: AutoLeadSettings = { enabled: false, status: "new", sourceId: null, assigneeUserId: null, unassignedMode: "none" };
const asAdmin = () => actAs({ ...admin, workspaceId, role: "admin" });
const save = (values: Partial<AutoLeadSettings>) => saveSettingsAction({ section: "auto-lead", values: { ...DEFAULTS, ...values } });
const systemSource = async (workspace: string, key: string) =>
  (await db().select().from(leadSources).where(and(eq(leadSources.workspaceId, workspace), eq(leadSources.systemKey, key))))[0]!.id;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(db())).id;
  otherWorkspaceId = (await createWorkspace(db())).id;
  admin = await createMember(db(), { workspaceId, role: "admin" });
  agent = await createMember(db(), { workspaceId, role: "agent" });
  otherAgent = await createMember(db(), { workspaceId: otherWorkspaceId, role: "agent" });
});
afterAll(async () => {
  actAs(null);
  await connection.close();
});

describe("the auto lead settings", () => {
  it("are off, with status New, WhatsApp and nobody, for a workspace that never saved them", async () => {
    expect(await getSettings(db(), workspaceId, autoLeadSection)).toEqual(DEFAULTS);
  });

  it("are saved by an admin with a source and an assignee of the workspace, and announced", async () => {
    asAdmin();
    const values: AutoLeadSettings = {
      enabled: true,
      status: "in_progress",
      sourceId: await systemSource(workspaceId, "website"),
      assigneeUserId: agent.userId,
      unassignedMode: "none",
    };
    expect(await saveSettingsAction({ section: "auto-lead", values })).toMatchObject({ ok: true });
    expect(await getSettings(db(), workspaceId, autoLeadSection)).toEqual(values);
    expect(publish).toHaveBeenCalledWith([{ channel: `private-workspace-${workspaceId}`, name: "settings.updated", data: { section: "auto-lead" } }]);
    expect(await getSettings(db(), otherWorkspaceId, autoLeadSection)).toEqual(DEFAULTS);
  });

  it("are saved with the default source, nobody and round robin", async () => {
    asAdmin();
    expect(await save({ enabled: true, unassignedMode: "round_robin" })).toMatchObject({ ok: true });
    expect(await getSettings(db(), workspaceId, autoLeadSection)).toEqual({ ...DEFAULTS, enabled: true, unassignedMode: "round_robin" });
  });

  it("refuse a source or an assignee of another workspace as field errors, keeping the stored values", async () => {
    asAdmin();
    const stored = await getSettings(db(), workspaceId, autoLeadSection);
    const result = await save({ enabled: true, sourceId: await systemSource(otherWorkspaceId, "facebook"), assigneeUserId: otherAgent.userId });
    expect(result).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { "values.sourceId": "Choose one of the options.", "values.assigneeUserId": "Choose one of the options." },
    });
    expect(await getSettings(db(), workspaceId, autoLeadSection)).toEqual(stored);
  });

  it("refuse an archived source and a deactivated member", async () => {
    asAdmin();
    const archived = await addSource(db(), workspaceId, "Campanha antiga");
    await archiveSource(db(), workspaceId, archived.id);
    const former = await createMember(db(), { workspaceId, role: "agent", active: false });
    expect(await save({ sourceId: archived.id })).toMatchObject({ ok: false, fieldErrors: { "values.sourceId": expect.any(String) } });
    expect(await save({ assigneeUserId: former.userId })).toMatchObject({ ok: false, fieldErrors: { "values.assigneeUserId": expect.any(String) } });
  });

  it("refuse a status outside the list as a field error", async () => {
    asAdmin();
    const result = await save({ status: "won" as AutoLeadSettings["status"] });
    expect(result).toMatchObject({ ok: false, fieldErrors: { "values.status": "Choose one of the options." } });
  });

  it("refuse an agent's save as not found, changing nothing", async () => {
    const stored = await getSettings(db(), workspaceId, autoLeadSection);
    actAs({ ...agent, workspaceId, role: "agent" });
    expect(await save({ enabled: false })).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await getSettings(db(), workspaceId, autoLeadSection)).toEqual(stored);
  });
});
