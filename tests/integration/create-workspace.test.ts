import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { DbConnection } from "@/lib/db/client";
import { workspaces } from "@/lib/db/schema";
import { FieldErrors } from "@/lib/errors";
import { createWorkspaceWithAdmin } from "@/lib/workspaces/create";
import { createTestDb } from "../support/test-db";

let connection: DbConnection;
beforeAll(async () => {
  connection = await createTestDb();
});
afterAll(() => connection.close());

const input = { workspaceName: "Loja", locale: "pt-BR" as const, adminName: "Ana", adminEmail: "ana@loja.com", adminPassword: "loja-password-1" };

it("creates a workspace whose first member is an admin who can sign in", async () => {
  const created = await createWorkspaceWithAdmin(connection.db, input);
  expect(await verifyCredentials(connection.db, { email: "ANA@loja.com", password: "loja-password-1" })).toEqual({
    ok: true,
    identity: { userId: created.userId, workspaceId: created.workspaceId, role: "admin" },
  });
});

it("refuses an e-mail already registered and leaves no workspace behind", async () => {
  const before = (await connection.db.select().from(workspaces)).length;
  await expect(createWorkspaceWithAdmin(connection.db, { ...input, workspaceName: "Other" })).rejects.toBeInstanceOf(FieldErrors);
  expect(await connection.db.select().from(workspaces)).toHaveLength(before);
});
