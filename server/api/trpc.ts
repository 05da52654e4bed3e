import "server-only";
/**
 * tRPC in three parts: context · init · procedures.
 * Routers (server/api/routers) stay thin: one zod input, one service call.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { hasRole, type Role } from "@/lib/auth/roles";
import { AppError, isAppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { clientIp } from "@/server/request";
import { getCurrentUser } from "@/server/session";
import { resolveMember } from "@/server/services/workspaces/resolve-member";
import type { UserRef } from "@/server/services/workspaces/types";

/* ── 1. context ───────────────────────────────────────────────────────────── */

export interface TRPCContext {
  user: UserRef | null;
  ip: string;
}

/** Built per request from the next-auth session; a session of a deleted user counts as none. */
export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  return { user: await getCurrentUser(), ip: clientIp(opts.headers) };
}

/* ── 2. init ──────────────────────────────────────────────────────────────── */

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appError = isAppError(cause) ? cause : null;
    const zodError = cause instanceof ZodError ? z.flattenError(cause) : null;
    // never leak stack traces to the browser
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: zodError ? "Some fields need attention" : shape.message,
      data: {
        ...data,
        appCode: appError?.code ?? null,
        details: appError?.details ?? null,
        // field-by-field messages for forms: { fieldErrors: { email: ["emailInvalid"] } }
        zodError,
      },
    };
  },
});

/** Maps AppError to its tRPC code once; anything unexpected is logged and answered as a plain 500. */
const errorMapping = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) {
      result.error = new TRPCError({ code: cause.trpcCode, message: cause.message, cause });
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      logger.error({ err: result.error.cause ?? result.error, path }, "unexpected tRPC error");
      result.error = new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: "Something went wrong on our side",
      });
    }
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/* ── 3. procedures ────────────────────────────────────────────────────────── */

export const publicProcedure = t.procedure.use(errorMapping);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

const workspaceInput = z.object({ workspaceSlug: z.string().min(1).max(60) });

/**
 * A procedure acting inside one workspace: resolves it from `input.workspaceSlug`, loads the caller's
 * membership and requires `minRole`. A workspace the caller is not a member of is NOT_FOUND, so its
 * existence is not revealed; a member below `minRole` gets FORBIDDEN. Services then take
 * `ctx.member` and scope every query to `ctx.member.workspace.id`.
 */
export function workspaceProcedure(minRole: Role) {
  return protectedProcedure.use(async ({ ctx, getRawInput, next }) => {
    const parsed = workspaceInput.safeParse(await getRawInput());
    if (!parsed.success) throw new AppError("BAD_REQUEST", "workspaceSlug is required");
    const member = await resolveMember(ctx.user, parsed.data.workspaceSlug);
    if (!member) throw new AppError("NOT_FOUND", "No such workspace");
    if (!hasRole(member.role, minRole)) {
      throw new AppError("FORBIDDEN", `This needs the ${minRole} role or higher; you are ${member.role}`);
    }
    return next({ ctx: { ...ctx, member } });
  });
}
