import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, jobs, messages, webhookDeliveries } from "@/lib/db/schema";
import { FORWARD_JOB_KIND } from "@/lib/forwarding/job-kind";
import { webhookForwardingSection } from "@/lib/forwarding/settings";
import { saveSettings } from "@/lib/settings/stored-section";
import { createWorkspace } from "../support/factories";
import { createTestDb, databaseUrl } from "../support/test-db";

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * Issue 14: jobs claimed by a process that stopped waited out a 5-minute
 * lease. A real process runs the poller; SIGTERM arrives while it waits for a
 * forwarding receiver; the job must be due again at once. Postgres only:
 * PGlite belongs to one process.
 */
describe.skipIf(!onPostgres)("a server process stopped mid-job (Postgres)", () => {
  let connection: DbConnection;
  let receiver: Server;
  let child: ChildProcess | undefined;
  const requests: string[] = [];

  beforeAll(async () => {
    connection = await createTestDb();
    // A receiver that never answers: the job is mid-flight until the process stops.
    receiver = createServer((request) => void requests.push(request.url ?? ""));
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    await connection.close();
  });

  it("gives the job back on SIGTERM, due at once and its attempt uncounted", async () => {
    const db = connection.db;
    const workspaceId = (await createWorkspace(db)).id;
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await saveSettings(db, workspaceId, webhookForwardingSection, { enabled: true, method: "POST", url, secret: "" }, null);
    const [contact] = await db.insert(contacts).values({ workspaceId, waId: "5511900007777" }).returning();
    const [conversation] = await db.insert(conversations).values({ workspaceId, contactId: contact!.id }).returning();
    const [message] = await db
      .insert(messages)
      .values({ workspaceId, conversationId: conversation!.id, wamid: "wamid.shutdown.1", direction: "inbound", sender: "customer", type: "text", text: "oi", status: "received", sentAt: new Date() })
      .returning();
    const [delivery] = await db.insert(webhookDeliveries).values({ workspaceId, messageId: message!.id }).returning();
    const [job] = await db.insert(jobs).values({ workspaceId, kind: FORWARD_JOB_KIND, payload: { deliveryId: delivery!.id } }).returning();

    const name = ((await db.execute(sql`select current_database() as name`)) as unknown as { name: string }[])[0]!.name;
    child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/support/job-poller-process.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl(process.env.DATABASE_URL!, name), JOBS_POLL_SECONDS: "1", ALLOW_PRIVATE_WEBHOOK_TARGETS: "1", NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));

    await expect.poll(() => requests.length, { timeout: 20_000, interval: 100 }).toBe(1);
    const claimed = (await db.select().from(jobs).where(eq(jobs.id, job!.id)))[0]!;
    expect(claimed).toMatchObject({ status: "running", attempts: 1 });
    // The lease is the forwarding timeout (10 s + 5 s) plus the margin, not five minutes.
    expect(claimed.lockedUntil!.getTime() - claimed.updatedAt.getTime()).toBe(30_000);

    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    expect(await exited, output).toBe(143);
    const released = (await db.select().from(jobs).where(eq(jobs.id, job!.id)))[0]!;
    expect(released).toMatchObject({ status: "pending", lockedUntil: null, payload: { deliveryId: delivery!.id, _released: 1 } });
    expect(released.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(released.runAt.getTime()).toBeGreaterThanOrEqual(stoppedAt - 1000);
    expect(output).toContain("gave back 1 running job");
  }, 60_000);
});
