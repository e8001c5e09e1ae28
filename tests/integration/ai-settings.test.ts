import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { getAiConfig } from "@/lib/ai/provider";
import { aiIntegrationSection } from "@/lib/ai/settings";
import { getMonthlyAiUsage, recordAiUsage } from "@/lib/ai/usage";
import { decryptSecret, maskSecret } from "@/lib/crypto";
import type { DbConnection } from "@/lib/db/client";
import { aiUsage, settings } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { getSettingsForForm } from "@/lib/settings/stored-section";
import { OPENAI_FAKE_KEY, startOpenAiFake, type OpenAiFake } from "../fakes/openai-api";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, requestContext, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

const LIMITED_KEY = "sk-test-limited-to-gpt35-0001";

type Member = Awaited<ReturnType<typeof createMember>> & { workspaceId: string };
let connection: DbConnection;
let fake: OpenAiFake;
const db = () => connection.db;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  fake = await startOpenAiFake();
  fake.addKey(LIMITED_KEY, ["gpt-3.5-turbo"]);
  process.env.OPENAI_BASE_URL = fake.url;
  resetEnvCache();
});
afterAll(async () => {
  actAs(null);
  requestContext.locale = "en";
  delete process.env.OPENAI_BASE_URL;
  resetEnvCache();
  await fake?.close();
  await connection?.close();
});
beforeEach(() => {
  fake.setMode({ kind: "normal" });
  requestContext.locale = "en";
});

/** A workspace of its own with an admin acting, so tests do not see each other's settings. */
async function adminOfNewWorkspace(): Promise<Member> {
  const workspaceId = (await createWorkspace(db())).id;
  const admin = { ...(await createMember(db(), { workspaceId, role: "admin" })), workspaceId };
  actAs({ ...admin, role: "admin" });
  return admin;
}

const save = (values: { enabled?: boolean; apiKey?: string; model?: string }) =>
  saveSettingsAction({ section: "ai-integration", values: { enabled: false, apiKey: "", model: "gpt-4o-mini", ...values } as never });

const storedRow = async (workspaceId: string) =>
  (await db().select().from(settings).where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, "ai-integration"))))[0];

describe("AI integration settings", () => {
  it("are off, keyless and on GPT-4o mini for a workspace that never saved them", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    expect(await getAiConfig(db(), workspaceId)).toEqual({ enabled: false, apiKey: "", model: "gpt-4o-mini" });
  });

  it("save a key OpenAI accepts: checked with GET /models, stored encrypted, shown only masked", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    const before = fake.requests.length;
    expect(await save({ enabled: true, apiKey: ` ${OPENAI_FAKE_KEY} `, model: "gpt-4o" })).toMatchObject({ ok: true });
    expect(fake.requests.slice(before)).toMatchObject([{ method: "GET", path: "/v1/models", headers: { authorization: `Bearer ${OPENAI_FAKE_KEY}` } }]);
    const row = await storedRow(workspaceId);
    const cipher = (row!.value as { apiKey: string }).apiKey;
    expect(cipher).toMatch(/^v1:/);
    expect(JSON.stringify(row!.value)).not.toContain(OPENAI_FAKE_KEY);
    expect(decryptSecret(cipher, workspaceId)).toBe(OPENAI_FAKE_KEY);
    expect(await getAiConfig(db(), workspaceId)).toEqual({ enabled: true, apiKey: OPENAI_FAKE_KEY, model: "gpt-4o" });
    expect(await getSettingsForForm(db(), workspaceId, aiIntegrationSection)).toEqual({
      values: { enabled: true, apiKey: "", model: "gpt-4o" },
      masks: { apiKey: maskSecret(OPENAI_FAKE_KEY) },
    });
  });

  it("refuse a key OpenAI rejects with a field error in words, storing nothing", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    expect(await save({ enabled: true, apiKey: "sk-revoked-or-mistyped-0000" })).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { "values.apiKey": "OpenAI refused this key. Check that it was copied whole and is still active." },
    });
    expect(await storedRow(workspaceId)).toBeUndefined();
  });

  it("say so on the key field when OpenAI cannot be reached, storing nothing", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    const closed = await startOpenAiFake();
    await closed.close();
    process.env.OPENAI_BASE_URL = closed.url;
    resetEnvCache();
    try {
      requestContext.locale = "pt-BR";
      expect(await save({ enabled: true, apiKey: OPENAI_FAKE_KEY })).toMatchObject({
        ok: false,
        fieldErrors: { "values.apiKey": "Não foi possível verificar a chave: a OpenAI não respondeu. Tente de novo em instantes." },
      });
    } finally {
      process.env.OPENAI_BASE_URL = fake.url;
      resetEnvCache();
    }
    expect(await storedRow(workspaceId)).toBeUndefined();
  });

  it("refuse a model the key cannot use, on the model field", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    expect(await save({ enabled: true, apiKey: LIMITED_KEY, model: "gpt-4" })).toMatchObject({
      ok: false,
      fieldErrors: { "values.model": "This key can't use gpt-4. Choose another model or use a key with access to it." },
    });
    expect(await storedRow(workspaceId)).toBeUndefined();
    expect(await save({ enabled: true, apiKey: LIMITED_KEY, model: "gpt-3.5-turbo" })).toMatchObject({ ok: true });
    // A later model change is checked with the stored key.
    expect(await save({ enabled: true, model: "gpt-4o-mini" })).toMatchObject({ ok: false, fieldErrors: { "values.model": expect.stringContaining("gpt-4o-mini") } });
    expect((await getAiConfig(db(), workspaceId)).model).toBe("gpt-3.5-turbo");
  });

  it("refuse a model that is not on the list", async () => {
    await adminOfNewWorkspace();
    expect(await save({ enabled: true, apiKey: OPENAI_FAKE_KEY, model: "o9-ultra" })).toMatchObject({
      ok: false,
      fieldErrors: { "values.model": "Choose one of the options." },
    });
  });

  it("need a key to turn AI on", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    expect(await save({ enabled: true })).toMatchObject({ ok: false, fieldErrors: { "values.apiKey": "Required." } });
    expect(await storedRow(workspaceId)).toBeUndefined();
  });

  it("keep the stored key when saved with an empty key field, without asking OpenAI again", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    await save({ enabled: true, apiKey: OPENAI_FAKE_KEY });
    const cipher = (await storedRow(workspaceId))!.value.apiKey;
    const before = fake.requests.length;
    expect(await save({ enabled: false, apiKey: "" })).toMatchObject({ ok: true });
    expect(fake.requests.length).toBe(before);
    expect((await storedRow(workspaceId))!.value.apiKey).toBe(cipher);
    expect(await getAiConfig(db(), workspaceId)).toEqual({ enabled: false, apiKey: OPENAI_FAKE_KEY, model: "gpt-4o-mini" });
  });

  it("can be switched off while OpenAI is unreachable", async () => {
    const { workspaceId } = await adminOfNewWorkspace();
    await save({ enabled: true, apiKey: OPENAI_FAKE_KEY });
    fake.setMode({ kind: "server_error" });
    expect(await save({ enabled: false })).toMatchObject({ ok: true });
    expect((await getAiConfig(db(), workspaceId)).enabled).toBe(false);
  });

  it("refuse an agent as not found and leave another workspace's settings untouched", async () => {
    const first = await adminOfNewWorkspace();
    await save({ enabled: true, apiKey: OPENAI_FAKE_KEY });
    const before = await storedRow(first.workspaceId);
    const agent = await createMember(db(), { workspaceId: first.workspaceId, role: "agent" });
    actAs({ ...agent, workspaceId: first.workspaceId, role: "agent" });
    expect(await save({ enabled: false })).toMatchObject({ ok: false, code: "not_found:settings" });
    const other = await adminOfNewWorkspace();
    expect(await save({ enabled: true, apiKey: LIMITED_KEY, model: "gpt-3.5-turbo" })).toMatchObject({ ok: true });
    expect(await storedRow(first.workspaceId)).toEqual(before);
    expect((await getAiConfig(db(), other.workspaceId)).apiKey).toBe(LIMITED_KEY);
  });
});

describe("monthly AI usage", () => {
  it("sums this month's calls, tokens and failures of the workspace only", async () => {
    const { workspaceId, userId } = await adminOfNewWorkspace();
    const other = await adminOfNewWorkspace();
    const entry = { workspaceId, userId, action: "translate", model: "gpt-4o-mini", durationMs: 120, errorCode: null };
    await recordAiUsage(db(), { ...entry, inputTokens: 100, outputTokens: 20, success: true });
    await recordAiUsage(db(), { ...entry, inputTokens: 50, outputTokens: 10, success: true });
    await recordAiUsage(db(), { ...entry, inputTokens: 0, outputTokens: 0, success: false, errorCode: "rate_limited:ai" });
    await recordAiUsage(db(), { ...entry, workspaceId: other.workspaceId, userId: other.userId, inputTokens: 999, outputTokens: 999, success: true });
    // A call from last month does not count.
    await recordAiUsage(db(), { ...entry, inputTokens: 7, outputTokens: 7, success: true });
    await db().update(aiUsage).set({ createdAt: new Date(Date.now() - 40 * 86_400_000) }).where(and(eq(aiUsage.workspaceId, workspaceId), eq(aiUsage.inputTokens, 7)));
    expect(await getMonthlyAiUsage(db(), workspaceId, "America/Sao_Paulo")).toEqual({ calls: 3, inputTokens: 150, outputTokens: 30, failures: 1 });
  });
});
