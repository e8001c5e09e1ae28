import "server-only";
import { z } from "zod";
import { currentMember } from "@/lib/auth/session";
import type { Member } from "@/lib/auth/member";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, FieldErrors } from "@/lib/errors";
import { serverTranslator } from "@/lib/i18n/server";
import { fieldRefs, type MessageRef } from "@/lib/validation";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; error: string; fieldErrors?: Record<string, string> };

export type ActionContext = { member: Member; db: Db };

type Translate = Awaited<ReturnType<typeof serverTranslator>>;

function translateFields(t: Translate, refs: Record<string, MessageRef>): Record<string, string> {
  return Object.fromEntries(Object.entries(refs).map(([field, ref]) => [field, t(`validation.${ref.key}`, ref.values)]));
}

/** Maps anything thrown inside an action to what the user may read; unknown errors are logged, never shown. */
async function failure(error: unknown, actionName: string): Promise<ActionResult<never>> {
  const t = await serverTranslator();
  if (error instanceof FieldErrors) {
    return { ok: false, code: "bad_request:fields", error: t("errors.fields"), fieldErrors: translateFields(t, error.fields) };
  }
  if (error instanceof AppError) {
    return { ok: false, code: error.code, error: t(`errors.${error.messageKey ?? error.type}`, error.values) };
  }
  const reference = crypto.randomUUID().slice(0, 8);
  console.error(`[action ${actionName}] ref=${reference}`, error);
  return { ok: false, code: "internal", error: t("errors.internal", { reference }) };
}

async function parse<S extends z.ZodType>(schema: S, raw: unknown): Promise<z.output<S>> {
  const parsed = await schema.safeParseAsync(raw);
  if (!parsed.success) throw new FieldErrors(fieldRefs(parsed.error));
  return parsed.data;
}

/**
 * The one door for server actions: reads the member from the database for
 * this request, checks the permission, parses the input with the action's
 * schema, and turns errors into an ActionResult. `"use server"` files export
 * only what this (or `publicAction`) returns; a unit test keeps that true.
 */
export function action<S extends z.ZodType, R>(
  definition: { name: string; permission: Permission; input: S },
  run: (ctx: ActionContext, input: z.output<S>) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return async (raw) => {
    try {
      const member = await currentMember();
      if (!member) throw new AppError("unauthorized:session");
      assertCan(member, definition.permission);
      const input = await parse(definition.input, raw);
      return { ok: true, data: await run({ member, db: getDb() }, input) };
    } catch (error) {
      if (isNextControlFlow(error)) throw error;
      return failure(error, definition.name);
    }
  };
}

/** For the few actions that run before sign-in (the login form). Same parsing and error mapping. */
export function publicAction<S extends z.ZodType, R>(
  definition: { name: string; input: S },
  run: (ctx: { db: Db }, input: z.output<S>) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return async (raw) => {
    try {
      const input = await parse(definition.input, raw);
      return { ok: true, data: await run({ db: getDb() }, input) };
    } catch (error) {
      if (isNextControlFlow(error)) throw error;
      return failure(error, definition.name);
    }
  };
}

/** redirect() and notFound() work by throwing; they must pass through untouched. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}
