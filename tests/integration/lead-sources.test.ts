import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  addLeadSourceAction,
  archiveLeadSourceAction,
  deleteLeadSourceAction,
  renameLeadSourceAction,
  restoreLeadSourceAction,
} from "@/app/(dashboard)/settings/lead-sources/actions";
import type { DbConnection } from "@/lib/db/client";
import { contacts, leadSources, leads } from "@/lib/db/schema";
import { addSource, deleteSource, listSources } from "@/lib/leads/sources";
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
const sourceNamed = async (name: string) => (await listSources(db(), workspaceId)).find((s) => s.name === name);
const systemSource = async (workspace: string, key: string) =>
  (await db().select().from(leadSources).where(and(eq(leadSources.workspaceId, workspace), eq(leadSources.systemKey, key))))[0]!;

async function leadFrom(sourceId: string, waId: string) {
  const [contact] = await db().insert(contacts).values({ workspaceId, waId }).returning();
  await db().insert(leads).values({ workspaceId, contactId: contact!.id, sourceId });
}

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

describe("lead sources", () => {
  it("lists the four system sources of a new workspace first, active and without leads", async () => {
    const sources = await listSources(db(), workspaceId);
    expect(sources.map((s) => s.systemKey).sort()).toEqual(["facebook", "instagram", "website", "whatsapp"]);
    expect(sources.every((s) => !s.archived && s.leadCount === 0)).toBe(true);
  });

  it("adds a custom source through the action", async () => {
    asAdmin();
    const result = await addLeadSourceAction({ name: "  Indicação  " });
    expect(result).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    expect(await sourceNamed("Indicação")).toMatchObject({ systemKey: null, archived: false, leadCount: 0 });
  });

  it("refuses a name already used in the workspace, whatever its case, as a field error", async () => {
    asAdmin();
    expect(await addLeadSourceAction({ name: "indicação" })).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { name: "This name is already in use." },
    });
    expect(await addLeadSourceAction({ name: "WEBSITE" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    const other = await addSource(db(), workspaceId, "Feira 2025");
    expect(await renameLeadSourceAction({ id: other.id, name: "Indicação" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
  });

  it("allows the same name in another workspace", async () => {
    await expect(addSource(db(), otherWorkspaceId, "Indicação")).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("refuses an empty name as a field error", async () => {
    asAdmin();
    expect(await addLeadSourceAction({ name: "   " })).toMatchObject({ ok: false, fieldErrors: { name: "Required." } });
  });

  it("renames a custom source, keeping the name when only its case changes", async () => {
    asAdmin();
    const { id } = (await sourceNamed("Indicação"))!;
    expect(await renameLeadSourceAction({ id, name: "Indicação de clientes" })).toMatchObject({ ok: true });
    expect(await renameLeadSourceAction({ id, name: "indicação de clientes" })).toMatchObject({ ok: true });
    expect((await listSources(db(), workspaceId)).find((s) => s.id === id)?.name).toBe("indicação de clientes");
  });

  it("archives and restores a custom source", async () => {
    asAdmin();
    const { id } = (await sourceNamed("indicação de clientes"))!;
    expect(await archiveLeadSourceAction({ id })).toMatchObject({ ok: true });
    expect((await listSources(db(), workspaceId)).find((s) => s.id === id)?.archived).toBe(true);
    expect(await restoreLeadSourceAction({ id })).toMatchObject({ ok: true });
    expect((await listSources(db(), workspaceId)).find((s) => s.id === id)?.archived).toBe(false);
  });

  it("refuses to delete a source that leads use, and counts them", async () => {
    asAdmin();
    const { id } = (await sourceNamed("indicação de clientes"))!;
    await leadFrom(id, "5511922220001");
    expect(await deleteLeadSourceAction({ id })).toMatchObject({
      ok: false,
      code: "conflict:lead_source",
      error: "Leads use this source, so it can't be deleted. Archive it instead.",
    });
    expect((await listSources(db(), workspaceId)).find((s) => s.id === id)?.leadCount).toBe(1);
  });

  it("deletes a source no lead uses", async () => {
    asAdmin();
    const { id } = await addSource(db(), workspaceId, "Panfleto");
    expect(await deleteLeadSourceAction({ id })).toMatchObject({ ok: true });
    expect(await sourceNamed("Panfleto")).toBeUndefined();
  });

  it("protects system sources from rename, archive and delete", async () => {
    asAdmin();
    const { id } = await systemSource(workspaceId, "whatsapp");
    for (const result of [
      await renameLeadSourceAction({ id, name: "Zap" }),
      await archiveLeadSourceAction({ id }),
      await deleteLeadSourceAction({ id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "conflict:lead_source", error: "System sources can't be renamed, archived or deleted." });
    }
    expect(await systemSource(workspaceId, "whatsapp")).toMatchObject({ name: "WhatsApp", archivedAt: null });
    await expect(deleteSource(db(), workspaceId, id)).rejects.toMatchObject({ code: "conflict:lead_source" });
  });

  it("answers not found for another workspace's source and leaves it untouched", async () => {
    asAdmin();
    const foreign = await addSource(db(), otherWorkspaceId, "Parceiro");
    const foreignSystem = await systemSource(otherWorkspaceId, "facebook");
    for (const id of [foreign.id, foreignSystem.id, crypto.randomUUID()]) {
      expect(await renameLeadSourceAction({ id, name: "Roubado" })).toMatchObject({ ok: false, code: "not_found:lead_source" });
      expect(await archiveLeadSourceAction({ id })).toMatchObject({ ok: false, code: "not_found:lead_source" });
      expect(await restoreLeadSourceAction({ id })).toMatchObject({ ok: false, code: "not_found:lead_source" });
      expect(await deleteLeadSourceAction({ id })).toMatchObject({ ok: false, code: "not_found:lead_source" });
    }
    expect((await listSources(db(), otherWorkspaceId)).find((s) => s.id === foreign.id)).toMatchObject({ name: "Parceiro", archived: false });
  });

  it("refuses every action to an agent as not found, changing nothing", async () => {
    const { id } = (await sourceNamed("indicação de clientes"))!;
    const before = await listSources(db(), workspaceId);
    actAs({ ...agent, workspaceId, role: "agent" });
    for (const result of [
      await addLeadSourceAction({ name: "Do agente" }),
      await renameLeadSourceAction({ id, name: "Do agente" }),
      await archiveLeadSourceAction({ id }),
      await restoreLeadSourceAction({ id }),
      await deleteLeadSourceAction({ id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "not_found:settings" });
    }
    expect(await listSources(db(), workspaceId)).toEqual(before);
  });
});
