import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { GET } from "@/app/api/settings/notification-sound/route";
import type { DbConnection } from "@/lib/db/client";
import { publish } from "@/lib/realtime/publish";
import { notificationSoundSection } from "@/lib/settings/notification-sound";
import { getSettings } from "@/lib/settings/stored-section";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

// Publishing is asserted, not performed: no Pusher server runs for these tests.
vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

type Member = Awaited<ReturnType<typeof createMember>>;
let connection: DbConnection;
let workspaceId: string;
let otherWorkspaceId: string;
let admin: Member;
let agent: Member;
let otherAdmin: Member;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  otherWorkspaceId = (await createWorkspace(connection.db)).id;
  admin = await createMember(connection.db, { workspaceId, role: "admin" });
  agent = await createMember(connection.db, { workspaceId, role: "agent" });
  otherAdmin = await createMember(connection.db, { workspaceId: otherWorkspaceId, role: "admin" });
});
afterAll(async () => {
  actAs(null);
  await connection.close();
});
beforeEach(() => vi.mocked(publish).mockClear());

const readEnabled = async () => (await GET(new Request("http://localhost/api/settings/notification-sound"), undefined)).json();

describe("the notification sound setting", () => {
  it("is on for a workspace that never saved it", async () => {
    expect(await getSettings(connection.db, workspaceId, notificationSoundSection)).toEqual({ enabled: true });
  });

  it("is saved by an admin and announced to the workspace's open tabs", async () => {
    actAs({ ...admin, workspaceId, role: "admin" });
    expect(await saveSettingsAction({ section: "notification-sound", values: { enabled: false } })).toMatchObject({ ok: true });
    expect(await getSettings(connection.db, workspaceId, notificationSoundSection)).toEqual({ enabled: false });
    expect(publish).toHaveBeenCalledWith([
      { channel: `private-workspace-${workspaceId}`, name: "settings.updated", data: { section: "notification-sound" } },
    ]);
  });

  it("leaves another workspace's setting untouched", async () => {
    expect(await getSettings(connection.db, otherWorkspaceId, notificationSoundSection)).toEqual({ enabled: true });
  });

  it("refuses an agent's save as not found, changing and announcing nothing", async () => {
    actAs({ ...agent, workspaceId, role: "agent" });
    const result = await saveSettingsAction({ section: "notification-sound", values: { enabled: true } });
    expect(result).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await getSettings(connection.db, workspaceId, notificationSoundSection)).toEqual({ enabled: false });
    expect(publish).not.toHaveBeenCalled();
  });

  it("rejects a value that is not a boolean as a field error", async () => {
    actAs({ ...admin, workspaceId, role: "admin" });
    const result = await saveSettingsAction({ section: "notification-sound", values: { enabled: "yes" as unknown as boolean } });
    expect(result).toMatchObject({ ok: false, code: "bad_request:fields", fieldErrors: { "values.enabled": expect.any(String) } });
  });
});

describe("GET /api/settings/notification-sound", () => {
  it("answers the member's own workspace value to any role, agents included", async () => {
    actAs({ ...agent, workspaceId, role: "agent" });
    expect(await readEnabled()).toEqual({ enabled: false });
    actAs({ ...otherAdmin, workspaceId: otherWorkspaceId, role: "admin" });
    expect(await readEnabled()).toEqual({ enabled: true });
  });

  it("answers 401 without a session", async () => {
    actAs(null);
    const response = await GET(new Request("http://localhost/api/settings/notification-sound"), undefined);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized:session" });
  });

  it("answers 401 to a session naming a workspace the user does not belong to", async () => {
    actAs({ ...agent, workspaceId: otherWorkspaceId, role: "agent" });
    expect((await GET(new Request("http://localhost/api/settings/notification-sound"), undefined)).status).toBe(401);
  });
});
