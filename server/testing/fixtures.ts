/**
 * Arrangement helpers for the integration tests (*.int.test.ts): users made through the real sign-up
 * service, tRPC callers built without next-auth, and names unique across the parallel files that share
 * one Postgres database in RAQI_TEST_DB=postgres mode.
 */
import crypto from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { ZodError, z } from "zod";
import { getDb } from "@/db/client";
import { auditLog, memberships } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { Role } from "@/lib/auth/roles";
import { signUpInput } from "@/lib/auth/schemas";
import { createCaller } from "@/server/api/root";
import { isAppError } from "@/server/errors";
import { signUp } from "@/server/services/accounts/sign-up";
import type { UserRef, WorkspaceRef } from "@/server/services/workspaces/types";

/**
 * Opens and migrates the file's database. Call it from beforeAll: an in-memory PGlite takes seconds to
 * start when files run in parallel, which the hook timeout allows for and a test timeout may not.
 */
export async function openTestDatabase(): Promise<void> {
  await getDb();
}

/** Every fixture user signs up with this password. */
export const TEST_PASSWORD = "correct-horse-42-battery";

export function uniqueEmail(label = "user"): string {
  return `${label}.${crypto.randomUUID()}@example.com`;
}

export function uniqueSlug(label = "ws"): string {
  return `${label}-${crypto.randomUUID().slice(0, 13)}`;
}

/** A client address label for the throttle; nothing connects to it. Random so tests never share a budget. */
export function uniqueIp(): string {
  const [a, b, c] = crypto.randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

/** Signs a user up through the sign-up service, with the email normalised as the tRPC input does it. */
export async function createUser(label = "user", email = uniqueEmail(label)): Promise<UserRef> {
  return signUp(signUpInput.parse({ name: `Test ${label}`, email, password: TEST_PASSWORD }));
}

export type Caller = ReturnType<typeof createCaller>;

/** A tRPC caller acting as `user` (null: signed out), as createTRPCContext would build it from a session. */
export function callerFor(user: UserRef | null, ip = uniqueIp()): Caller {
  return createCaller({ user, ip });
}

export interface WorkspaceFixture {
  workspace: WorkspaceRef;
  owner: UserRef;
  ownerCaller: Caller;
}

/** A workspace created through workspace.create by a fresh owner. */
export async function createWorkspaceFixture(label = "ws"): Promise<WorkspaceFixture> {
  const owner = await createUser(`${label}-owner`);
  const ownerCaller = callerFor(owner);
  const workspace = await ownerCaller.workspace.create({
    name: `Workspace ${label}`,
    slug: uniqueSlug(label),
  });
  return { workspace, owner, ownerCaller };
}

export interface MemberFixture {
  user: UserRef;
  caller: Caller;
  membershipId: string;
}

/** Arranges a member with `role` by writing the membership directly (joining is tested in invitation tests). */
export async function addMember(
  workspace: WorkspaceRef,
  role: Role,
  label: string = role,
): Promise<MemberFixture> {
  const user = await createUser(label);
  const db = await getDb();
  const [row] = await db
    .insert(memberships)
    .values({ workspaceId: workspace.id, userId: user.id, role })
    .returning({ id: memberships.id });
  if (!row) throw new Error("membership was not inserted");
  return { user, caller: callerFor(user), membershipId: row.id };
}

/** The role `user` holds in `workspace`, or null when they are not a member. */
export async function roleOf(workspace: WorkspaceRef, user: UserRef): Promise<Role | null> {
  const db = await getDb();
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, user.id)));
  return row?.role ?? null;
}

/** The audit entries of one workspace with this action, oldest first. */
export async function auditEntries(workspace: Pick<WorkspaceRef, "id">, action: AuditAction) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, action)))
    .orderBy(auditLog.id);
}

/** Awaits a call expected to fail with a tRPC error of `code`, and returns that error. */
export async function expectTRPCError(call: Promise<unknown>, code: TRPCError["code"]): Promise<TRPCError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the call should have failed").toBeInstanceOf(TRPCError);
  if (!(error instanceof TRPCError)) throw new Error("unreachable");
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  return error;
}

/** The `details` a service attached to its AppError (what the client receives as `data.details`). */
export function appErrorDetails(error: TRPCError): Record<string, unknown> | undefined {
  return isAppError(error.cause) ? error.cause.details : undefined;
}

/** The AppError code behind a tRPC error (GONE travels as NOT_FOUND). */
export function appErrorCode(error: TRPCError): string | undefined {
  return isAppError(error.cause) ? error.cause.code : undefined;
}

/** Field-by-field messages of an input validation error (what the client receives as `data.zodError`). */
export function fieldErrors(error: TRPCError): Record<string, string[] | undefined> {
  if (!(error.cause instanceof ZodError)) throw new Error(`not an input error: ${error.message}`);
  return z.flattenError(error.cause).fieldErrors as Record<string, string[] | undefined>;
}
