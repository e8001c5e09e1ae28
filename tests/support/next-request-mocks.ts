import { vi } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import ptBR from "@/messages/pt-BR.json";
import { requestContext } from "./request-context";

/**
 * The row a real sign-in would have opened (lib/auth/auth-sessions.ts), made
 * directly: tests also act as deactivated members or unknown ids, which a
 * real sign-in refuses. An id that matches no user gets a row-less sid.
 */
async function openTestSession(userId: string, workspaceId: string): Promise<string> {
  const { authSessions } = await import("@/lib/db/schema");
  try {
    const [row] = await requestContext.db!
      .insert(authSessions)
      .values({ userId, workspaceId, expiresAt: new Date(Date.now() + 30 * 86_400_000) })
      .returning({ id: authSessions.id });
    return row!.id;
  } catch {
    return crypto.randomUUID();
  }
}

// Setup file of the integration project: replaces what only exists inside a Next.js request.

vi.mock("@/lib/auth/auth", () => ({
  auth: vi.fn(async () => {
    const session = requestContext.session;
    if (!session) return null;
    if (session.sid === undefined) {
      session.pendingSid ??= openTestSession(session.id, session.workspaceId);
      session.sid = await session.pendingSid;
    }
    const { id, workspaceId, role, sid } = session;
    return { user: { id, workspaceId, role, sessionId: sid ?? undefined }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  }),
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));

vi.mock("@/lib/db/client", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/db/client")>();
  return {
    ...original,
    getDb: () => {
      if (!requestContext.db) throw new Error("Test did not call useDatabase()");
      return requestContext.db;
    },
  };
});

vi.mock("@/lib/i18n/server", () => ({
  serverTranslator: async () => {
    const t = createTranslator({ locale: requestContext.locale, messages: requestContext.locale === "en" ? en : ptBR });
    return (key: string, values?: Record<string, string | number>) => t(key as never, values as never);
  },
}));

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const cookieJar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined),
    set: (name: string, value: string) => void cookieJar.set(name, value),
  }),
  headers: async () => new Headers(),
}));

// after() needs a live Next.js request; here its callbacks run at once and tests await them with flushAfter().
vi.mock("next/server", async (importOriginal) => {
  const original = await importOriginal<typeof import("next/server")>();
  const { trackAfter } = await import("./after-queue");
  return { ...original, after: trackAfter };
});

// The WhatsApp webhook (a Pages API route) hands its after-answer work to Vercel's waitUntil: tests await it the same way.
vi.mock("@vercel/functions", async (importOriginal) => {
  const original = await importOriginal<typeof import("@vercel/functions")>();
  const { trackAfter } = await import("./after-queue");
  return { ...original, waitUntil: (promise: Promise<unknown>) => trackAfter(promise) };
});
