import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { createAiPromptAction, deleteAiPromptAction } from "@/app/(dashboard)/settings/ai-prompts/actions";
import { addLeadSourceAction } from "@/app/(dashboard)/settings/lead-sources/actions";
import { changesScreens } from "@/lib/composition/live-settings";
import type { DbConnection } from "@/lib/db/client";
import { publish } from "@/lib/realtime/publish";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

/*
 * Rule (issue 16): saving a settings section tells every open tab of the workspace, and only of that
 * workspace, so a screen that offers what the section controls (the wand once AI is on) follows without
 * a reload. Sections managed as rows (AI prompts, lead sources) tell them too.
 */

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

type Member = Awaited<ReturnType<typeof createMember>>;
let connection: DbConnection;
const db = () => connection.db;
let workspaceId: string;
let otherWorkspaceId: string;
let admin: Member;
let agent: Member;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(db())).id;
  otherWorkspaceId = (await createWorkspace(db())).id;
  admin = await createMember(db(), { workspaceId, role: "admin" });
  agent = await createMember(db(), { workspaceId, role: "agent" });
  await createMember(db(), { workspaceId: otherWorkspaceId, role: "admin" });
});
beforeEach(() => vi.mocked(publish).mockClear());
afterAll(async () => {
  actAs(null);
  await connection.close();
});

const asAdmin = () => actAs({ ...admin, workspaceId, role: "admin" });
const published = () => vi.mocked(publish).mock.calls.flatMap(([events]) => events);
const news = (section: string) => [{ channel: `private-workspace-${workspaceId}`, name: "settings.updated", data: { section } }];

describe("saving a settings section", () => {
  it("announces the section on the workspace's channel once, and on no other workspace's", async () => {
    asAdmin();
    const result = await saveSettingsAction({ section: "ai-integration", values: { enabled: false, apiKey: "", model: "gpt-4o-mini" } as never });
    expect(result).toMatchObject({ ok: true });
    expect(result).not.toHaveProperty("data.events");
    expect(published()).toEqual(news("ai-integration"));
    expect(published().some((e) => e.channel.includes(otherWorkspaceId))).toBe(false);
  });

  it("announces each section by its key (support agent, stop bot)", async () => {
    asAdmin();
    await saveSettingsAction({ section: "support-agent", values: { restrictToAssigned: false, autoAssign: false, method: "round_robin" } });
    await saveSettingsAction({ section: "stop-bot", values: { keywords: ["pare"], restartAfterHours: 2 } });
    expect(published()).toEqual([...news("support-agent"), ...news("stop-bot")]);
  });

  it("announces nothing when the values are refused or the member may not save", async () => {
    asAdmin();
    expect(await saveSettingsAction({ section: "stop-bot", values: { keywords: [], restartAfterHours: Number.NaN } })).toMatchObject({
      ok: false,
      fieldErrors: { "values.restartAfterHours": "Required." },
    });
    actAs({ ...agent, workspaceId, role: "agent" });
    expect(await saveSettingsAction({ section: "stop-bot", values: { keywords: [], restartAfterHours: 3 } })).toMatchObject({ ok: false });
    expect(publish).not.toHaveBeenCalled();
  });
});

describe("the sections managed as rows", () => {
  it("announce a prompt added or deleted as ai-prompts", async () => {
    asAdmin();
    const created = await createAiPromptAction({ name: "Saudação ao vivo", instruction: "Cumprimente o cliente." });
    expect(created.ok).toBe(true);
    await deleteAiPromptAction({ id: (created as { data: { id: string } }).data.id });
    expect(published()).toEqual([...news("ai-prompts"), ...news("ai-prompts")]);
  });

  it("announce a lead source added as lead-sources, and nothing for an agent's refused attempt", async () => {
    asAdmin();
    expect((await addLeadSourceAction({ name: "Feira ao vivo" })).ok).toBe(true);
    actAs({ ...agent, workspaceId, role: "agent" });
    expect((await createAiPromptAction({ name: "Não", instruction: "x" })).ok).toBe(false);
    expect(published()).toEqual(news("lead-sources"));
  });
});

describe("which sections re-render open pages", () => {
  it("are those that change what screens offer, not the ones followed live or read only by the server", () => {
    for (const section of ["ai-integration", "ai-prompts", "ai-assistant", "support-agent", "lead-sources"]) expect(changesScreens(section), section).toBe(true);
    for (const section of ["notification-sound", "chat-cleanup", "webhook-forwarding", "stop-bot", "unknown"]) expect(changesScreens(section), section).toBe(false);
  });
});
