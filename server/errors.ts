import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/**
 * The closed set of application error codes, each mapped once to a tRPC code and an HTTP status.
 * Services throw AppError; routers, route handlers and forms never invent their own.
 */
export const APP_ERROR_CODES = {
  BAD_REQUEST: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHORIZED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  GONE: { trpc: "NOT_FOUND", http: 410 },
  PRECONDITION_FAILED: { trpc: "PRECONDITION_FAILED", http: 412 },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
} as const satisfies Record<string, { trpc: TRPC_ERROR_CODE_KEY; http: number }>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get httpStatus(): number {
    return APP_ERROR_CODES[this.code].http;
  }

  get trpcCode(): TRPC_ERROR_CODE_KEY {
    return APP_ERROR_CODES[this.code].trpc;
  }

  /** The JSON body public HTTP endpoints answer with. */
  toJSON(): { error: { code: AppErrorCode; message: string; details?: Record<string, unknown> } } {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
