/**
 * Errors meant for the user: a stable code `<type>:<surface>` (e.g.
 * `forbidden:team`, `not_found:member`) whose text comes from messages/
 * under `errors.<type>`. Anything else that escapes an action or route is
 * logged and shown as a generic failure, so database errors never reach the page.
 */
export type ErrorType = "unauthorized" | "forbidden" | "not_found" | "bad_request" | "conflict" | "rate_limited" | "unavailable";

const STATUS: Record<ErrorType, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  readonly type: ErrorType;
  readonly surface: string;
  /** Optional message key under `errors.` overriding the generic text of the type, plus its values. */
  readonly messageKey?: string;
  readonly values?: Record<string, string | number>;

  constructor(code: `${ErrorType}:${string}`, options: { messageKey?: string; values?: Record<string, string | number>; cause?: unknown } = {}) {
    super(code, { cause: options.cause });
    const [type, surface] = code.split(":") as [ErrorType, string];
    this.type = type;
    this.surface = surface;
    this.messageKey = options.messageKey;
    this.values = options.values;
  }

  get code(): string {
    return `${this.type}:${this.surface}`;
  }

  get status(): number {
    return STATUS[this.type];
  }
}

/** Validation failures found by domain logic after the schema passed (e.g. a phone number id already in use). */
export class FieldErrors extends Error {
  constructor(readonly fields: Record<string, { key: string; values?: Record<string, string | number> }>) {
    super("field_errors");
  }
}
