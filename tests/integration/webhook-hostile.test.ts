import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, messages, webhookDeadLetters } from "@/lib/db/schema";
import { listConversations } from "@/lib/inbox/queries";
import { saveChannel } from "@/lib/whatsapp/channel";
import { CUT_MARKER } from "@/lib/whatsapp/sanitize";
import { flushAfter } from "../support/after-queue";
import { createMember, createWorkspace } from "../support/factories";
import { useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";
import { callWebhook } from "../support/webhook-endpoint";
import { signedRequest, textMessage, webhookBody } from "../support/webhook";

/*
 * The rule: a delivery whose signature and JSON are valid is answered 200 once
 * everything storable in it is stored. Values are made storable; a message
 * that still cannot be stored is kept whole as a dead letter; neither ever
 * costs the messages beside it. Each hostile value is tried in the middle of
 * a batch of three, through the real handler.
 */

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

const NUMBER = "100000000000001";
let connection: DbConnection;
let workspaceId: string;
let adminId: string;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  adminId = (await createMember(connection.db, { workspaceId, role: "admin" })).userId;
  await saveChannel(connection.db, workspaceId, { wabaId: "1", displayPhoneNumber: "+55 11 90000-0001", accessToken: "t", phoneNumberId: NUMBER });
});
afterAll(() => connection.close());
afterEach(() => useDatabase(connection.db));

const db = () => connection.db;
const T = Math.floor(Date.now() / 1000) - 60;
let seq = 0;
const customer = () => `55119${String(80_000_000 + ++seq)}`;

/** Posts raw JSON text (so a test can send what JSON.stringify cannot write) signed as Meta would. */
async function post(body: unknown) {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const response = await callWebhook(signedRequest(body));
    await flushAfter();
    return response;
  } finally {
    warn.mockRestore();
    error.mockRestore();
  }
}

/** A batch of three from one customer: a good message, `odd`, another good message. */
function batch(odd: Record<string, unknown>, from = odd.from as string) {
  const tag = `${++seq}`;
  const first = textMessage(from, `wamid.hostile.${tag}.first`, "first", T);
  const last = textMessage(from, `wamid.hostile.${tag}.last`, "last", T + 2);
  return { body: webhookBody(NUMBER, { messages: [first, odd, last] }), neighbours: [first.id as string, last.id as string] };
}

const stored = (wamid: string) => db().select().from(messages).where(eq(messages.wamid, wamid));
const storedWamids = async (wamids: string[]) =>
  (await db().select({ wamid: messages.wamid }).from(messages).where(inArray(messages.wamid, wamids))).map((m) => m.wamid).sort();
const deadLetters = (reason: string) =>
  db().select().from(webhookDeadLetters).where(and(eq(webhookDeadLetters.workspaceId, workspaceId), eq(webhookDeadLetters.reason, reason)));

async function expectNeighboursStored(neighbours: string[]) {
  expect(await storedWamids(neighbours)).toEqual([...neighbours].sort());
}

describe("values made storable", () => {
  it("stores a text with a NUL character without it, and both neighbours (was Postgres 22021, a 500)", async () => {
    const from = customer();
    const odd = textMessage(from, "wamid.hostile.nul-text", "a\u0000b", T + 1);
    const { body, neighbours } = batch(odd);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    expect((await stored("wamid.hostile.nul-text"))[0]).toMatchObject({ type: "text", text: "ab" });
  });

  it("stores an unknown field holding a NUL escape (in a value and a key) without it (was 22P05)", async () => {
    const from = customer();
    const odd = { ...textMessage(from, "wamid.hostile.nul-json", "ok", T + 1), extra: { note: "x\u0000y", "k\u0000": ["\u0000"] } };
    const { body, neighbours } = batch(odd);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    expect((await stored("wamid.hostile.nul-json"))[0]!.payload).toEqual({ extra: { note: "xy", k: [""] } });
  });

  it("stores a lone UTF-16 surrogate as U+FFFD instead of refusing the message", async () => {
    const from = customer();
    const odd = { ...textMessage(from, "wamid.hostile.surrogate", "a\ud800b", T + 1), extra: { note: "c\udc00" } };
    const { body, neighbours } = batch(odd);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    expect((await stored("wamid.hostile.surrogate"))[0]).toMatchObject({ text: "a\ufffdb", payload: { extra: { note: "c\ufffd" } } });
  });

  it("stores a message whose timestamp has 13 digits at the time of receipt, keeping the value sent (was RangeError: Invalid time value)", async () => {
    const from = customer();
    const before = Date.now();
    const odd = { ...textMessage(from, "wamid.hostile.time", "when?"), timestamp: "9999999999999" };
    const { body, neighbours } = batch(odd);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    const [message] = await stored("wamid.hostile.time");
    expect(message!.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(message!.sentAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(message!.payload).toEqual({ original_timestamp: "9999999999999" });
  });

  it("takes the time of receipt for a timestamp that is not a time or is before WhatsApp existed", async () => {
    const from = customer();
    const { body, neighbours } = batch({ ...textMessage(from, "wamid.hostile.time-words", "x"), timestamp: "yesterday" });
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    expect((await stored("wamid.hostile.time-words"))[0]!.payload).toEqual({ original_timestamp: "yesterday" });
    await post(webhookBody(NUMBER, { messages: [{ ...textMessage(from, "wamid.hostile.time-zero", "y"), timestamp: "0" }] }));
    expect((await stored("wamid.hostile.time-zero"))[0]!.sentAt.getFullYear()).toBeGreaterThan(2020);
  });

  it("stores a 1.9 MB text of distinct words whole, and search still finds it by an early word (was: string is too long for tsvector)", async () => {
    const from = customer();
    const words = Array.from({ length: 330_000 }, (_, i) => `p${i.toString(36)}`);
    const text = words.join(" ");
    expect(text.length).toBeGreaterThan(1_900_000);
    const odd = textMessage(from, "wamid.hostile.huge", text, T + 1);
    const { body, neighbours } = batch(odd);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    const [message] = await stored("wamid.hostile.huge");
    expect(message!.text).toHaveLength(text.length);
    const found = await listConversations(db(), { workspaceId, viewerUserId: adminId, viewerRole: "admin", filter: { scope: "all", status: "all", search: words[1234]! } });
    expect(found.items.map((c) => c.contact.waId)).toEqual([from]);
  });
});

describe("a message nested 5,000 levels deep", () => {
  it("is stored with the deep part cut, and kept whole as a dead letter (was: Maximum call stack size exceeded, in JSON.stringify)", async () => {
    const from = customer();
    const odd = { ...textMessage(from, "wamid.hostile.deep", "still readable", T + 1), extra: "DEEP" };
    const { body, neighbours } = batch(odd);
    // JSON.stringify itself overflows on such a value, so the text is written by hand, as a client could.
    const deep = `${"[".repeat(5000)}1${"]".repeat(5000)}`;
    const raw = JSON.stringify(body).replace('"DEEP"', deep);
    expect((await post(raw)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    const [message] = await stored("wamid.hostile.deep");
    expect(message).toMatchObject({ type: "text", text: "still readable" });
    let part: unknown = (message!.payload as { extra: unknown }).extra;
    let depth = 0;
    while (Array.isArray(part)) [part, depth] = [part[0], depth + 1];
    expect(part).toBe(CUT_MARKER);
    expect(depth).toBeLessThan(40);
    const [letter] = await deadLetters("payload_too_deep");
    expect(letter!.raw).toContain(deep);
    expect(JSON.parse(letter!.raw)).toMatchObject({ id: "wamid.hostile.deep" });

    // Meta redelivers the same bytes: nothing is stored or kept twice.
    expect((await post(raw)).status).toBe(200);
    expect(await stored("wamid.hostile.deep")).toHaveLength(1);
    expect(await deadLetters("payload_too_deep")).toHaveLength(1);
  });
});

describe("messages refused into dead letters", () => {
  const randomText = (n: number) => Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join("");

  it("keeps a message whose id has 10,000 characters as a dead letter, neighbours stored (was: index row too big)", async () => {
    const from = customer();
    const odd = textMessage(from, randomText(10_000), "long id", T + 1);
    const { body, neighbours } = batch(odd);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    const letters = await deadLetters("wamid_too_long");
    expect(letters.map((l) => JSON.parse(l.raw))).toContainEqual(odd);
  });

  it("keeps a message whose from has 10,000 characters as a dead letter, neighbours stored", async () => {
    const odd = textMessage(randomText(10_000), "wamid.hostile.long-from", "long from", T + 1);
    const { body, neighbours } = batch(odd, customer());
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    expect(await stored("wamid.hostile.long-from")).toHaveLength(0);
    expect((await deadLetters("from_too_long")).map((l) => JSON.parse(l.raw))).toContainEqual(odd);
  });

  it("keeps a message without an id as a dead letter instead of dropping it", async () => {
    const odd = { from: customer(), timestamp: String(T + 1), type: "text", text: { body: "who am I?" } };
    const { body, neighbours } = batch(odd);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    expect((await deadLetters("invalid_envelope")).map((l) => JSON.parse(l.raw))).toContainEqual(odd);
  });

  it("keeps a message Postgres refuses for its values as a dead letter with the SQLSTATE, neighbours stored", async () => {
    // A data exception no sanitizing foresaw, raised where Postgres checks a value.
    await db().execute(sql`create function refuse_odd_value() returns trigger language plpgsql as $$
      begin if new.text = 'odd value' then raise exception 'value refused' using errcode = '22023'; end if; return new; end $$`);
    await db().execute(sql`create trigger refuse_odd_value before insert on messages for each row execute function refuse_odd_value()`);
    try {
      const odd = textMessage(customer(), "wamid.hostile.refused", "odd value", T + 1);
      const { body, neighbours } = batch(odd);
      expect((await post(body)).status).toBe(200);
      await expectNeighboursStored(neighbours);
      expect(await stored("wamid.hostile.refused")).toHaveLength(0);
      expect((await deadLetters("database:22023")).map((l) => JSON.parse(l.raw))).toEqual([odd]);
    } finally {
      await db().execute(sql`drop trigger refuse_odd_value on messages`);
    }
  });
});

describe("known types that arrive malformed", () => {
  it("are stored as unsupported with the part as it came, like unknown types (were answered 200 and dropped)", async () => {
    const from = customer();
    const odd = [
      { from, id: "wamid.hostile.image-no-id", timestamp: String(T), type: "image", image: { mime_type: "image/jpeg", caption: "foto" } },
      { from, id: "wamid.hostile.location-text", timestamp: String(T), type: "location", location: { latitude: "-22.9", longitude: "-43.1" } },
      { from, id: "wamid.hostile.interactive-no-type", timestamp: String(T), type: "interactive", interactive: { button_reply: { id: "a", title: "A" } } },
      { from, id: "wamid.hostile.text-no-body", timestamp: String(T), type: "text", text: { body: 42 } },
      { from, id: "wamid.hostile.bad-context", timestamp: String(T), type: "text", text: { body: "hello" }, context: "not an object" },
    ];
    expect((await post(webhookBody(NUMBER, { messages: odd }))).status).toBe(200);
    expect((await stored("wamid.hostile.image-no-id"))[0]).toMatchObject({ type: "unsupported", media: null, payload: { image: { mime_type: "image/jpeg", caption: "foto" } } });
    expect((await stored("wamid.hostile.location-text"))[0]).toMatchObject({ type: "unsupported", payload: { location: { latitude: "-22.9", longitude: "-43.1" } } });
    expect((await stored("wamid.hostile.interactive-no-type"))[0]).toMatchObject({ type: "unsupported", payload: { interactive: { button_reply: { id: "a" } } } });
    expect((await stored("wamid.hostile.text-no-body"))[0]).toMatchObject({ type: "unsupported", payload: { text: { body: 42 } } });
    // A malformed part every message may carry costs nothing: the text is kept, the part goes into the payload.
    expect((await stored("wamid.hostile.bad-context"))[0]).toMatchObject({ type: "text", text: "hello", replyToWamid: null, payload: { unreadable: { context: "not an object" } } });
  });
});

describe("statuses", () => {
  it("apply a failure whose error holds a NUL, and a 13-digit timestamp, without a 500", async () => {
    const from = customer();
    await post(webhookBody(NUMBER, { messages: [textMessage(from, "wamid.hostile.status-target", "hi", T)] }));
    const [inbound] = await stored("wamid.hostile.status-target");
    await db().insert(messages).values({
      workspaceId, conversationId: inbound!.conversationId, wamid: "wamid.hostile.outbound", direction: "outbound", sender: "agent",
      type: "text", text: "Oi", status: "sent", sentAt: new Date(),
    });
    const statuses = [
      { id: "wamid.hostile.outbound", status: "delivered", timestamp: "9999999999999", recipient_id: from },
      { id: "wamid.hostile.outbound", status: "failed", timestamp: String(T), errors: [{ code: 131047, title: "Re\u0000engagement", error_data: { details: "x\u0000" } }] },
    ];
    expect((await post(webhookBody(NUMBER, { statuses }))).status).toBe(200);
    expect((await stored("wamid.hostile.outbound"))[0]).toMatchObject({ status: "failed", error: { code: 131047, title: "Reengagement", details: "x" } });
  });
});

describe("the rest of a change", () => {
  it("stores a message whose contact's profile name holds a NUL, with the name cleaned", async () => {
    const from = customer();
    const body = webhookBody(NUMBER, { contacts: [{ wa_id: from, profile: { name: "Ana\u0000 Lima" } }], messages: [textMessage(from, "wamid.hostile.nul-name", "oi", T)] });
    expect((await post(body)).status).toBe(200);
    const [row] = await db().select({ name: contacts.profileName }).from(contacts).where(eq(contacts.waId, from));
    expect(row!.name).toBe("Ana Lima");
  });

  it("keeps a status Postgres refuses for its values as a dead letter, and applies the next one", async () => {
    const from = customer();
    await post(webhookBody(NUMBER, { messages: [textMessage(from, "wamid.hostile.status-refused-target", "hi", T)] }));
    const [inbound] = await stored("wamid.hostile.status-refused-target");
    for (const wamid of ["wamid.hostile.status-refused", "wamid.hostile.status-after"]) {
      await db().insert(messages).values({
        workspaceId, conversationId: inbound!.conversationId, wamid, direction: "outbound", sender: "agent", type: "text", text: "Oi", status: "sent", sentAt: new Date(),
      });
    }
    await db().execute(sql`create function refuse_odd_status() returns trigger language plpgsql as $$
      begin if new.wamid = 'wamid.hostile.status-refused' then raise exception 'status refused' using errcode = '22023'; end if; return new; end $$`);
    await db().execute(sql`create trigger refuse_odd_status before update on messages for each row execute function refuse_odd_status()`);
    try {
      const refused = { id: "wamid.hostile.status-refused", status: "read", timestamp: String(T) };
      const statuses = [refused, { id: "wamid.hostile.status-after", status: "read", timestamp: String(T) }];
      expect((await post(webhookBody(NUMBER, { statuses }))).status).toBe(200);
      expect((await stored("wamid.hostile.status-after"))[0]!.status).toBe("read");
      expect((await deadLetters("database:22023")).map((l) => JSON.parse(l.raw))).toContainEqual(refused);
    } finally {
      await db().execute(sql`drop trigger refuse_odd_status on messages`);
    }
  });
});

/** The test database, with `execute` failing once for statements that match. */
function failingOnce(match: string, error: Error): Db {
  let failed = false;
  const real = connection.db;
  return new Proxy(real, {
    get(target, prop, receiver) {
      // Without $client, executePrepared runs the statement through `execute` below on Postgres too.
      if (prop === "$client") return undefined;
      if (prop === "execute") {
        return async (statement: Parameters<Db["execute"]>[0]) => {
          const text = (real as unknown as { dialect: PgDialect }).dialect.sqlToQuery(statement as never).sql;
          if (!failed && text.includes(match)) {
            failed = true;
            throw error;
          }
          return target.execute(statement);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

describe("a failure a retry could mend", () => {
  const connectionLost = () => Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
  const sqlState = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });
  it.each([
    ["a lost connection", connectionLost()],
    ["a serialization failure (40001)", sqlState("40001")],
    ["a deadlock (40P01)", sqlState("40P01")],
    ["an administrator shutdown (57P01)", sqlState("57P01")],
    ["a connection failure (08006)", sqlState("08006")],
  ])("answers 5xx on %s, keeps nothing as a dead letter, and the redelivery stores the batch", async (_name, error) => {
    const before = (await db().select().from(webhookDeadLetters)).length;
    const { body, neighbours } = batch(textMessage(customer(), `wamid.hostile.transient.${++seq}`, "middle", T + 1));
    useDatabase(failingOnce("insert into messages", error));
    expect((await post(body)).status).toBe(500);
    expect((await db().select().from(webhookDeadLetters)).length).toBe(before);
    useDatabase(connection.db);
    expect((await post(body)).status).toBe(200);
    await expectNeighboursStored(neighbours);
    expect(await storedWamids([(body.entry[0]!.changes[0]!.value.messages as { id: string }[])[1]!.id])).toHaveLength(1);
  });

  it("answers 5xx when the dead letter itself cannot be written, so nothing is lost silently", async () => {
    const odd = textMessage(customer(), "w".repeat(1000), "long id", T + 1);
    const { body } = batch(odd);
    useDatabase(failingOnce("webhook_dead_letters", connectionLost()));
    expect((await post(body)).status).toBe(500);
    useDatabase(connection.db);
    expect((await post(body)).status).toBe(200);
    expect((await deadLetters("wamid_too_long")).filter((l) => JSON.parse(l.raw).id === odd.id)).toHaveLength(1);
  });
});
