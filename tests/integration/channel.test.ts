import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, maskSecret } from "@/lib/crypto";
import type { Db, DbConnection } from "@/lib/db/client";
import { whatsappChannels } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { FieldErrors } from "@/lib/errors";
import {
  getChannelCredentials,
  getChannelForForm,
  getChannelRow,
  saveChannel,
  testChannelConnection,
  type ChannelInput,
} from "@/lib/whatsapp/channel";
import { startGraphFake, type GraphFake } from "../fakes/graph-api";
import { createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const TOKEN = "test-access-token-fake-1";

let connection: DbConnection;
let db: Db;
let graph: GraphFake;
let phoneCounter = 0;

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  graph = await startGraphFake();
  graph.setToken(TOKEN);
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.WHATSAPP_GRAPH_URL;
  resetEnvCache();
  await graph?.close();
  await connection?.close();
});

/** A workspace of its own and channel values with a phone number id no other test uses. */
async function setup(overrides: Partial<ChannelInput> = {}) {
  const workspaceId = (await createWorkspace(db)).id;
  const input: ChannelInput = {
    phoneNumberId: String(106_540_352_000_000 + ++phoneCounter),
    wabaId: "102290129340398",
    displayPhoneNumber: "+55 11 91234-5678",
    accessToken: TOKEN,
    ...overrides,
  };
  return { workspaceId, input };
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FieldErrors);
  return (error as FieldErrors).fields;
}

describe("saveChannel", () => {
  it("stores the access token encrypted, never in clear", async () => {
    const { workspaceId, input } = await setup();
    await saveChannel(db, workspaceId, input);
    const row = await getChannelRow(db, workspaceId);
    expect(row?.accessTokenEncrypted).toMatch(/^v1:/);
    expect(row?.accessTokenEncrypted).not.toContain(TOKEN);
    expect(decryptSecret(row!.accessTokenEncrypted!, workspaceId)).toBe(TOKEN);
    expect(await getChannelCredentials(db, workspaceId)).toEqual({ phoneNumberId: input.phoneNumberId, accessToken: TOKEN });
  });

  it("shows the saved token only masked in the form", async () => {
    const { workspaceId, input } = await setup();
    await saveChannel(db, workspaceId, input);
    expect(await getChannelForForm(db, workspaceId)).toEqual({
      values: { phoneNumberId: input.phoneNumberId, wabaId: input.wabaId, displayPhoneNumber: input.displayPhoneNumber, accessToken: "" },
      masks: { accessToken: maskSecret(TOKEN) },
    });
  });

  it("shows an empty form for a workspace without a channel", async () => {
    const { workspaceId } = await setup();
    expect(await getChannelForForm(db, workspaceId)).toEqual({
      values: { phoneNumberId: "", wabaId: "", displayPhoneNumber: "", accessToken: "" },
      masks: { accessToken: null },
    });
    expect(await getChannelCredentials(db, workspaceId)).toBeNull();
  });

  it("keeps the stored token when saved with an empty token field", async () => {
    const { workspaceId, input } = await setup();
    await saveChannel(db, workspaceId, input);
    const before = await getChannelRow(db, workspaceId);
    await saveChannel(db, workspaceId, { ...input, displayPhoneNumber: "+55 21 99876-5432", accessToken: "" });
    const after = await getChannelRow(db, workspaceId);
    expect(after?.accessTokenEncrypted).toBe(before?.accessTokenEncrypted);
    expect(after?.displayPhoneNumber).toBe("+55 21 99876-5432");
    expect((await getChannelCredentials(db, workspaceId))?.accessToken).toBe(TOKEN);
  });

  it("requires an access token on the first save", async () => {
    const { workspaceId, input } = await setup({ accessToken: "" });
    expect(await fieldErrorsOf(saveChannel(db, workspaceId, input))).toEqual({ accessToken: { key: "required" } });
    expect(await getChannelRow(db, workspaceId)).toBeNull();
  });

  it("refuses a phone number id another workspace uses, leaving that workspace's row unchanged", async () => {
    const first = await setup();
    await saveChannel(db, first.workspaceId, first.input);
    const before = await db.select().from(whatsappChannels).where(eq(whatsappChannels.workspaceId, first.workspaceId));

    const second = await setup({ phoneNumberId: first.input.phoneNumberId, accessToken: "EAAother-token-of-second-workspace" });
    expect(await fieldErrorsOf(saveChannel(db, second.workspaceId, second.input))).toEqual({
      phoneNumberId: { key: "phone_number_id_taken" },
    });

    expect(await db.select().from(whatsappChannels).where(eq(whatsappChannels.workspaceId, first.workspaceId))).toEqual(before);
    expect(await getChannelRow(db, second.workspaceId)).toBeNull();
  });
});

describe("testChannelConnection", () => {
  it("reports the verified name when the Graph API knows the number and accepts the token", async () => {
    const { workspaceId, input } = await setup();
    await saveChannel(db, workspaceId, input);
    graph.setPhoneNumber(input.phoneNumberId, {
      verified_name: "Loja Exemplo",
      display_phone_number: "+55 11 91234-5678",
      quality_rating: "GREEN",
    });
    expect(await testChannelConnection(db, workspaceId)).toEqual({
      ok: true,
      verifiedName: "Loja Exemplo",
      displayPhoneNumber: "+55 11 91234-5678",
    });
    const request = graph.requests.at(-1)!;
    expect(request).toMatchObject({ method: "GET", path: `/v23.0/${input.phoneNumberId}` });
    expect(request.query.fields?.split(",")).toContain("verified_name");
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("reports Meta's message when the token is invalid", async () => {
    const { workspaceId, input } = await setup({ accessToken: "EAAexpired-or-revoked-token" });
    await saveChannel(db, workspaceId, input);
    graph.setPhoneNumber(input.phoneNumberId, { verified_name: "Loja Exemplo" });
    expect(await testChannelConnection(db, workspaceId)).toEqual({
      ok: false,
      reason: "graph_error",
      message: "Invalid OAuth access token - Cannot parse access token",
      status: 401,
    });
  });

  it("reports Meta's message when the phone number id does not exist", async () => {
    const { workspaceId, input } = await setup();
    await saveChannel(db, workspaceId, input);
    const result = await testChannelConnection(db, workspaceId);
    expect(result).toMatchObject({ ok: false, reason: "graph_error", status: 400 });
    expect(result.ok === false && result.message).toContain(`Object with ID '${input.phoneNumberId}' does not exist`);
  });

  it("reports not_configured for a workspace without a channel, without calling Meta", async () => {
    const { workspaceId } = await setup();
    const calls = graph.requests.length;
    expect(await testChannelConnection(db, workspaceId)).toEqual({ ok: false, reason: "not_configured", message: null });
    expect(graph.requests.length).toBe(calls);
  });

  it("reports a network failure when the Graph API cannot be reached", async () => {
    const unreachable = await startGraphFake();
    await unreachable.close();
    process.env.WHATSAPP_GRAPH_URL = unreachable.url;
    resetEnvCache();
    try {
      const { workspaceId, input } = await setup();
      await saveChannel(db, workspaceId, input);
      expect(await testChannelConnection(db, workspaceId)).toEqual({ ok: false, reason: "network", message: null });
    } finally {
      process.env.WHATSAPP_GRAPH_URL = graph.url;
      resetEnvCache();
    }
  });
});
