import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAiPromptAction, deleteAiPromptAction, moveAiPromptAction, updateAiPromptAction } from "@/app/(dashboard)/settings/ai-prompts/actions";
import { ensureDefaultPrompts, listPrompts, MAX_PROMPTS } from "@/lib/ai/prompts";
import type { DbConnection } from "@/lib/db/client";
import { aiPrompts, workspaces } from "@/lib/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { createWorkspaceWithAdmin } from "@/lib/workspaces/create";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, requestContext, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

const PT_DEFAULTS = ["Introdução formal", "Informações do produto", "Resposta à reclamação", "Lembrete de compromisso", "Oferta de upsell"];
const EN_DEFAULTS = ["Formal introduction", "Product information", "Complaint response", "Appointment reminder", "Upsell offer"];

type Member = Awaited<ReturnType<typeof createMember>>;
let connection: DbConnection;
const db = () => connection.db;
let workspaceId: string;
let admin: Member;
let agent: Member;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(db())).id;
  admin = await createMember(db(), { workspaceId, role: "admin" });
  agent = await createMember(db(), { workspaceId, role: "agent" });
});
afterAll(async () => {
  actAs(null);
  requestContext.locale = "en";
  await connection.close();
});

const asAdmin = () => actAs({ ...admin, workspaceId, role: "admin" });
const names = async (workspace = workspaceId) => (await listPrompts(db(), workspace)).map((p) => p.name);
const rowCount = async (workspace: string) => (await db().select().from(aiPrompts).where(eq(aiPrompts.workspaceId, workspace))).length;

let emailCounter = 0;
const newWorkspace = (locale: "pt-BR" | "en") =>
  createWorkspaceWithAdmin(db(), {
    workspaceName: `Loja ${locale}`,
    locale,
    adminName: "Ana",
    adminEmail: `ana-${locale}-${++emailCounter}@loja.test`,
    adminPassword: "loja-password-1",
  });

describe("the five default prompts", () => {
  it("come with a new workspace in Portuguese, with their instructions", async () => {
    const created = await newWorkspace("pt-BR");
    const prompts = await listPrompts(db(), created.workspaceId);
    expect(prompts.map((p) => p.name)).toEqual(PT_DEFAULTS);
    expect(prompts[2]!.instruction).toContain("empatia");
    const [row] = await db().select().from(workspaces).where(eq(workspaces.id, created.workspaceId));
    expect(row!.defaultPromptsSeededAt).toBeInstanceOf(Date);
  });

  it("come in English for an English workspace", async () => {
    const created = await newWorkspace("en");
    const prompts = await listPrompts(db(), created.workspaceId);
    expect(prompts.map((p) => p.name)).toEqual(EN_DEFAULTS);
    expect(prompts[0]!.instruction).toMatch(/^Start with a polite greeting/);
  });

  it("come with the demo workspace", async () => {
    const { workspaceId: demoId } = await seedDemo(db());
    expect(await names(demoId)).toEqual(PT_DEFAULTS);
  });

  it("are written once for a workspace that predates them, even when asked twice at the same time", async () => {
    const old = (await createWorkspace(db())).id;
    expect(await rowCount(old)).toBe(0);
    await Promise.all([ensureDefaultPrompts(db(), old), ensureDefaultPrompts(db(), old), listPrompts(db(), old)]);
    expect(await names(old)).toEqual(PT_DEFAULTS);
    expect(await rowCount(old)).toBe(5);
  });

  it("do not come back once an admin deleted them all", async () => {
    const created = await newWorkspace("en");
    const owner = { userId: created.userId, workspaceId: created.workspaceId, role: "admin" as const };
    actAs(owner);
    for (const prompt of await listPrompts(db(), created.workspaceId)) {
      expect(await deleteAiPromptAction({ id: prompt.id })).toMatchObject({ ok: true });
    }
    expect(await listPrompts(db(), created.workspaceId)).toEqual([]);
    await ensureDefaultPrompts(db(), created.workspaceId);
    expect(await rowCount(created.workspaceId)).toBe(0);
  });
});

describe("managing prompts", () => {
  it("an admin adds a prompt at the end of the menu", async () => {
    asAdmin();
    const result = await createAiPromptAction({ name: "  Agradecimento  ", instruction: " Agradeça a compra e explique como rastrear o pedido. " });
    expect(result).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    const prompts = await listPrompts(db(), workspaceId);
    expect(prompts.map((p) => p.name)).toEqual([...PT_DEFAULTS, "Agradecimento"]);
    expect(prompts.at(-1)!.instruction).toBe("Agradeça a compra e explique como rastrear o pedido.");
  });

  it("refuses an empty name or instruction, and one too long, as field errors", async () => {
    asAdmin();
    expect(await createAiPromptAction({ name: " ", instruction: "x".repeat(2001) })).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { name: "Required.", instruction: "Use at most 2000 characters." },
    });
  });

  it("an admin edits a prompt", async () => {
    asAdmin();
    const [first] = await listPrompts(db(), workspaceId);
    expect(await updateAiPromptAction({ id: first!.id, name: "Boas-vindas", instruction: "Dê boas-vindas calorosas." })).toMatchObject({ ok: true });
    expect((await listPrompts(db(), workspaceId))[0]).toEqual({ id: first!.id, name: "Boas-vindas", instruction: "Dê boas-vindas calorosas." });
  });

  it("an admin moves prompts up and down; the ends stay put", async () => {
    asAdmin();
    const before = await names();
    const prompts = await listPrompts(db(), workspaceId);
    expect(await moveAiPromptAction({ id: prompts[2]!.id, direction: "up" })).toMatchObject({ ok: true });
    expect(await names()).toEqual([before[0], before[2], before[1], ...before.slice(3)]);
    await moveAiPromptAction({ id: prompts[2]!.id, direction: "down" });
    expect(await names()).toEqual(before);
    await moveAiPromptAction({ id: prompts[0]!.id, direction: "up" });
    await moveAiPromptAction({ id: prompts.at(-1)!.id, direction: "down" });
    expect(await names()).toEqual(before);
    await moveAiPromptAction({ id: prompts.at(-1)!.id, direction: "up" });
    expect((await names()).slice(-2)).toEqual([before.at(-1), before.at(-2)]);
  });

  it("an admin deletes a prompt", async () => {
    asAdmin();
    const target = (await listPrompts(db(), workspaceId)).find((p) => p.name === "Agradecimento")!;
    expect(await deleteAiPromptAction({ id: target.id })).toMatchObject({ ok: true });
    expect(await names()).not.toContain("Agradecimento");
  });

  it("caps a workspace at MAX_PROMPTS, saying so in words", async () => {
    const created = await newWorkspace("en");
    actAs({ userId: created.userId, workspaceId: created.workspaceId, role: "admin" });
    for (let i = 5; i < MAX_PROMPTS; i++) await createAiPromptAction({ name: `P${i}`, instruction: "x" });
    expect(await createAiPromptAction({ name: "one too many", instruction: "x" })).toMatchObject({
      ok: false,
      code: "conflict:ai_prompt",
      error: `A workspace can have at most ${MAX_PROMPTS} prompts. Delete one first.`,
    });
  });

  it("refuses an agent every change, as not found, changing nothing", async () => {
    actAs({ ...agent, workspaceId, role: "agent" });
    const before = await listPrompts(db(), workspaceId);
    const id = before[0]!.id;
    for (const result of [
      await createAiPromptAction({ name: "Agente", instruction: "x" }),
      await updateAiPromptAction({ id, name: "Agente", instruction: "x" }),
      await moveAiPromptAction({ id, direction: "down" }),
      await deleteAiPromptAction({ id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "not_found:settings" });
    }
    expect(await listPrompts(db(), workspaceId)).toEqual(before);
  });

  it("refuses another workspace's prompt as not found, leaving it untouched", async () => {
    const other = await newWorkspace("en");
    const foreign = (await listPrompts(db(), other.workspaceId))[0]!;
    asAdmin();
    for (const result of [
      await updateAiPromptAction({ id: foreign.id, name: "Hijacked", instruction: "x" }),
      await moveAiPromptAction({ id: foreign.id, direction: "down" }),
      await deleteAiPromptAction({ id: foreign.id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "not_found:ai_prompt" });
    }
    expect((await listPrompts(db(), other.workspaceId))[0]).toEqual(foreign);
  });
});
