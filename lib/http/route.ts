import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler: user-meant errors keep their status and code, zod
 * errors become 400 with the failing fields, anything else is logged with a
 * request id and answered as a 500 that leaks nothing.
 */
export function route<C = unknown>(name: string, handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      // The client went away (a navigation aborted its request): nobody is left to answer, and nothing failed.
      if (request.signal.aborted) return new NextResponse(null, { status: 499 });
      if (error instanceof AppError) return NextResponse.json({ error: error.code }, { status: error.status });
      if (error instanceof ZodError) {
        return NextResponse.json(
          { error: "bad_request:input", fields: error.issues.map((i) => i.path.join(".")) },
          { status: 400 },
        );
      }
      return NextResponse.json(internalError(name, error), { status: 500 });
    }
  };
}

/** Logs an unexpected error with a request id and returns the 500 body that names only that id. */
export function internalError(route: string, error: unknown): { error: "internal"; requestId: string } {
  const requestId = crypto.randomUUID();
  console.error(`[route ${route}] request=${requestId}`, error);
  return { error: "internal", requestId };
}
