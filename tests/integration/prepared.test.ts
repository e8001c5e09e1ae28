import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres, type DbConnection } from "@/lib/db/client";
import { executePrepared } from "@/lib/db/prepared";
import { rowsOf } from "@/lib/db/rows";
import { resetEnvCache } from "@/lib/env";
import { handleWebhookBody } from "@/lib/composition/webhook-body";
import { saveChannel } from "@/lib/whatsapp/channel";
import { createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";
import { textMessage, webhookBody } from "../support/webhook";

const onPostgres = Boolean(process.env.DATABASE_URL);

let connection: DbConnection;

beforeAll(async () => {
  connection = await createTestDb();
});

afterAll(async () => {
  await connection.close();
});

describe("executePrepared", () => {
  it("answers the rows db.execute answers, with the same value types", async () => {
    const statement = sql`select ${41}::int + 1 as n, ${"2026-11-25T12:00:00Z"}::timestamptz as at, ${JSON.stringify({ a: 1 })}::jsonb as doc, null::text as none`;
    const prepared = await executePrepared(connection.db, statement);
    expect(prepared).toEqual(rowsOf(await connection.db.execute(statement)));
    expect(prepared).toHaveLength(1);
    expect(prepared[0]).toMatchObject({ n: 42, doc: { a: 1 }, none: null });
  });

  it("runs inside a transaction, where it sees the transaction's writes", async () => {
    const seen = await connection.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table prepared_probe (n int) on commit drop`);
      await tx.execute(sql`insert into prepared_probe values (7)`);
      return executePrepared<{ n: number }>(tx, sql`select n from prepared_probe where n = ${7}`);
    });
    expect(seen).toEqual([{ n: 7 }]);
  });

  it.runIf(onPostgres)("keeps the statement prepared on its connection, so a second run skips parsing (Postgres)", async () => {
    const single = connectPostgres(process.env.DATABASE_URL!, { max: 1 });
    try {
      const statement = (n: number) => sql`select ${n}::int as prepared_probe_value`;
      await executePrepared(single.db, statement(1));
      expect(await executePrepared(single.db, statement(2))).toEqual([{ prepared_probe_value: 2 }]);
      const held = await executePrepared<{ statement: string }>(single.db, sql`select statement from pg_prepared_statements where statement like ${"%prepared_probe_value%"}`);
      expect(held).toHaveLength(1);
      // drizzle's own execute sends it unnamed: nothing more is kept.
      await single.db.execute(sql`select ${3}::int as prepared_probe_other`);
      const unnamed = await executePrepared<{ n: number }>(single.db, sql`select count(*)::int as n from pg_prepared_statements where statement like ${"%prepared_probe_other%"}`);
      expect(unnamed).toEqual([{ n: 0 }]);
    } finally {
      await single.close();
    }
  });

  it.runIf(onPostgres)("stores messages of every kind through a few statement texts, never one per message (Postgres)", async () => {
    // A value written into the text instead of a parameter would prepare a statement per message and grow without end.
    const single = await createTestDb({ max: 1 });
    try {
      const workspaceId = (await createWorkspace(single.db)).id;
      await saveChannel(single.db, workspaceId, { phoneNumberId: "100000000000777", wabaId: "1", displayPhoneNumber: "+55 11 90000-0777", accessToken: "t" });
      const messages = Array.from({ length: 12 }, (_, i) => textMessage(String(5511977000000 + (i % 4)), `wamid.prep.${i}`, `mensagem ${i} ${"!".repeat(i)}`, 1764000000 + i));
      messages.push({ from: "5511977000001", id: "wamid.prep.reaction", timestamp: "1764000100", type: "reaction", reaction: { message_id: "wamid.prep.1", emoji: "👍" } });
      for (const message of messages) await handleWebhookBody(single.db, webhookBody("100000000000777", { messages: [message] }), () => {});
      const held = await executePrepared<{ statement: string }>(single.db, sql`select statement from pg_prepared_statements`);
      const storing = held.filter((row) => row.statement.includes("insert into messages"));
      // One text for customer messages, one for reactions (they do not count as unread).
      expect(storing).toHaveLength(2);
      expect(held.filter((row) => row.statement.includes("from whatsapp_channels c"))).toHaveLength(1);
    } finally {
      await single.close();
    }
  });

  it.runIf(onPostgres)("names no statement when DATABASE_PREPARED_STATEMENTS=0, for transaction-mode poolers (Postgres)", async () => {
    process.env.DATABASE_PREPARED_STATEMENTS = "0";
    resetEnvCache();
    const single = connectPostgres(process.env.DATABASE_URL!, { max: 1 });
    try {
      expect(await executePrepared(single.db, sql`select ${5}::int as prepared_probe_off`)).toEqual([{ prepared_probe_off: 5 }]);
      const held = await executePrepared<{ n: number }>(single.db, sql`select count(*)::int as n from pg_prepared_statements`);
      expect(held).toEqual([{ n: 0 }]);
    } finally {
      await single.close();
      delete process.env.DATABASE_PREPARED_STATEMENTS;
      resetEnvCache();
    }
  });
});
