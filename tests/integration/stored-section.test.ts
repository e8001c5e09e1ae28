import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DbConnection } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { defineStoredSection, getSettings, getSettingsForForm, saveSettings } from "@/lib/settings/stored-section";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

// A section shaped like the real ones (a toggle, a number, a secret), defined here so the framework is tested on its own.
const example = defineStoredSection({
  key: "example",
  schema: z.object({
    enabled: z.boolean().default(false),
    days: z.number().int().min(1).default(30),
    apiKey: z.string().default(""),
  }),
  secretFields: ["apiKey"],
});

let connection: DbConnection;
let workspaceId: string;
let otherWorkspaceId: string;
let userId: string;

beforeAll(async () => {
  connection = await createTestDb();
  workspaceId = (await createWorkspace(connection.db)).id;
  otherWorkspaceId = (await createWorkspace(connection.db)).id;
  userId = (await createMember(connection.db, { workspaceId, role: "admin" })).userId;
});
afterAll(() => connection.close());

const rawRow = async (ws: string) =>
  (await connection.db.select().from(settings).where(and(eq(settings.workspaceId, ws), eq(settings.section, "example"))))[0];

describe("stored settings sections", () => {
  it("read the defaults before anything is saved", async () => {
    expect(await getSettings(connection.db, workspaceId, example)).toEqual({ enabled: false, days: 30, apiKey: "" });
  });

  it("save values for one workspace only, with the secret encrypted at rest", async () => {
    await saveSettings(connection.db, workspaceId, example, { enabled: true, days: 7, apiKey: "sk-secret-value-123" }, userId);
    expect(await getSettings(connection.db, workspaceId, example)).toEqual({ enabled: true, days: 7, apiKey: "sk-secret-value-123" });
    expect(JSON.stringify((await rawRow(workspaceId))!.value)).not.toContain("sk-secret-value-123");
    expect((await rawRow(workspaceId))!.updatedBy).toBe(userId);
    expect(await getSettings(connection.db, otherWorkspaceId, example)).toEqual({ enabled: false, days: 30, apiKey: "" });
  });

  it("show the secret masked on the form and keep it when saved empty", async () => {
    const form = await getSettingsForForm(connection.db, workspaceId, example);
    expect(form.values.apiKey).toBe("");
    expect(form.masks.apiKey).toBe("sk-s••••••••-123");
    await saveSettings(connection.db, workspaceId, example, { enabled: false, days: 9, apiKey: "" }, userId);
    expect(await getSettings(connection.db, workspaceId, example)).toEqual({ enabled: false, days: 9, apiKey: "sk-secret-value-123" });
  });

  it("keep the fields that still fit when a stored row no longer matches the schema", async () => {
    await connection.db
      .update(settings)
      .set({ value: { enabled: true, days: "many", apiKey: "" } })
      .where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, "example")));
    expect(await getSettings(connection.db, workspaceId, example)).toEqual({ enabled: true, days: 30, apiKey: "" });
  });
});
