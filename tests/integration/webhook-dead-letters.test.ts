import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/settings/dead-letters/[id]/route";
import type { DbConnection } from "@/lib/db/client";
import { webhookDeadLetters } from "@/lib/db/schema";
import { keepDeadLetter, listDeadLetters, RAW_PREVIEW_CHARS } from "@/lib/inbox/dead-letters";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

let connection: DbConnection;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  otherWorkspaceId = (await createWorkspace(connection.db)).id;
});
afterAll(() => connection.close());

const db = () => connection.db;
const download = (id: string) => GET(new Request(`http://localhost/api/settings/dead-letters/${id}`), { params: Promise.resolve({ id }) });

describe("dead letters", () => {
  it("keep the JSON of a value of any depth, and a redelivery of the same item adds nothing", async () => {
    const deep = { id: "wamid.deep", extra: JSON.parse(`${"[".repeat(6000)}"x\\u0000"${"]".repeat(6000)}`) };
    await keepDeadLetter(db(), workspaceId, deep, "payload_too_deep");
    await keepDeadLetter(db(), workspaceId, deep, "payload_too_deep");
    const { items } = await listDeadLetters(db(), workspaceId);
    expect(items).toHaveLength(1);
    expect(items[0]!.raw).toBe(`{"id":"wamid.deep","extra":${"[".repeat(6000)}"x\\u0000"${"]".repeat(6000)}}`);
  });

  it("are listed newest first, a page at a time, only the workspace's own, with a bounded preview of long JSON", async () => {
    for (let i = 0; i < 5; i++) await keepDeadLetter(db(), workspaceId, { id: `wamid.list.${i}`, text: "y".repeat(i === 4 ? 50_000 : 1) }, "wamid_too_long");
    await keepDeadLetter(db(), otherWorkspaceId, { id: "wamid.other" }, "wamid_too_long");
    const first = await listDeadLetters(db(), workspaceId, { limit: 4 });
    const second = await listDeadLetters(db(), workspaceId, { limit: 4, cursor: first.nextCursor! });
    const all = [...first.items, ...second.items];
    expect(second.nextCursor).toBeNull();
    expect(all.map((item) => JSON.parse(item.raw.length < RAW_PREVIEW_CHARS ? item.raw : "{}").id)).toEqual([
      undefined, "wamid.list.3", "wamid.list.2", "wamid.list.1", "wamid.list.0", "wamid.deep",
    ]);
    expect(all[0]!.raw).toHaveLength(RAW_PREVIEW_CHARS);
    expect(all[0]!.rawLength).toBeGreaterThan(50_000);
    expect(all.some((item) => item.raw.includes("wamid.other"))).toBe(false);
  });
});

describe("GET /api/settings/dead-letters/:id", () => {
  it("gives an admin the whole JSON as a download, and refuses agents, other workspaces and anonymous callers", async () => {
    const [own] = await db().select().from(webhookDeadLetters).where(eq(webhookDeadLetters.workspaceId, workspaceId)).limit(1);
    const [foreign] = await db().select().from(webhookDeadLetters).where(eq(webhookDeadLetters.workspaceId, otherWorkspaceId));
    const admin = await createMember(db(), { workspaceId, role: "admin" });
    actAs({ ...admin, workspaceId, role: "admin" });
    const response = await download(own!.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    expect(await response.text()).toBe(own!.raw);
    expect((await download(foreign!.id)).status).toBe(404);
    expect((await download("not-a-uuid")).status).toBe(404);

    const agent = await createMember(db(), { workspaceId, role: "agent" });
    actAs({ ...agent, workspaceId, role: "agent" });
    expect((await download(own!.id)).status).toBe(404);
    actAs(null);
    expect((await download(own!.id)).status).toBe(401);
  });
});
