/**
 * The last-owner rule under concurrency. Each request resolves its member context first and then runs
 * its transaction, so two owners acting at once both start out as owners. On Postgres the transactions
 * overlap; PGlite runs them one after the other, where the rule must hold just the same.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import { isAppError } from "@/server/errors";
import { addMember, createWorkspaceFixture, openTestDatabase } from "@/server/testing/fixtures";
import { resolveMember } from "@/server/services/workspaces/resolve-member";
import type { MemberContext, WorkspaceRef } from "@/server/services/workspaces/types";
import { changeMemberRole } from "./change-member-role";
import { removeMember } from "./remove-member";

beforeAll(openTestDatabase);

/** A race shows up on most tries but not all: each test repeats it to make a regression near certain. */
const TRIES = 5;

async function twoOwners(): Promise<{
  workspace: WorkspaceRef;
  first: MemberContext;
  second: MemberContext;
}> {
  const { workspace, owner } = await createWorkspaceFixture("race");
  const coOwner = await addMember(workspace, "owner", "co-owner");
  const first = await resolveMember(owner, workspace.slug);
  const second = await resolveMember(coOwner.user, workspace.slug);
  if (!first || !second) throw new Error("both owners should resolve as members");
  return { workspace, first, second };
}

async function ownersOf(workspace: WorkspaceRef): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.role, "owner")));
  return rows.length;
}

function outcomes(results: PromiseSettledResult<unknown>[]): string[] {
  return results
    .map((r) => {
      if (r.status === "fulfilled") return "done";
      return isAppError(r.reason) ? r.reason.code : String(r.reason);
    })
    .sort();
}

describe("the last-owner rule", () => {
  it("keeps one owner when two owners demote each other at the same moment", async () => {
    for (let attempt = 0; attempt < TRIES; attempt += 1) {
      const { workspace, first, second } = await twoOwners();

      const results = await Promise.allSettled([
        changeMemberRole(first, second.membershipId, "admin"),
        changeMemberRole(second, first.membershipId, "admin"),
      ]);

      expect(outcomes(results)).toEqual(["PRECONDITION_FAILED", "done"]);
      expect(await ownersOf(workspace)).toBe(1);
    }
  });

  it("keeps one owner when two owners leave at the same moment", async () => {
    for (let attempt = 0; attempt < TRIES; attempt += 1) {
      const { workspace, first, second } = await twoOwners();

      const results = await Promise.allSettled([
        removeMember(first, first.membershipId),
        removeMember(second, second.membershipId),
      ]);

      expect(outcomes(results)).toEqual(["PRECONDITION_FAILED", "done"]);
      expect(await ownersOf(workspace)).toBe(1);
    }
  });
});
