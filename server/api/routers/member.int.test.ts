import { beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  appErrorDetails,
  auditEntries,
  createWorkspaceFixture,
  expectTRPCError,
  openTestDatabase,
  roleOf,
  type WorkspaceFixture,
} from "@/server/testing/fixtures";

beforeAll(openTestDatabase);

/** The owner's own membership id, as workspace.current reports it. */
async function ownerMembershipId(fixture: WorkspaceFixture): Promise<string> {
  const current = await fixture.ownerCaller.workspace.current({ workspaceSlug: fixture.workspace.slug });
  return current.membershipId;
}

describe("member.changeRole", () => {
  it("lets an admin change an editor's role and records member.role_change", async () => {
    const fixture = await createWorkspaceFixture("change");
    const admin = await addMember(fixture.workspace, "admin");
    const editor = await addMember(fixture.workspace, "editor");

    await admin.caller.member.changeRole({
      workspaceSlug: fixture.workspace.slug,
      membershipId: editor.membershipId,
      role: "viewer",
    });

    const members = await editor.caller.member.list({ workspaceSlug: fixture.workspace.slug });
    expect(members.find((m) => m.userId === editor.user.id)?.role).toBe("viewer");
    expect(await auditEntries(fixture.workspace, "member.role_change")).toMatchObject([
      {
        actorId: admin.user.id,
        targetType: "user",
        targetId: editor.user.id,
        meta: { email: editor.user.email, from: "editor", to: "viewer" },
      },
    ]);
  });

  it("records nothing when the role is set to the one the member already has", async () => {
    const fixture = await createWorkspaceFixture("same-role");
    const editor = await addMember(fixture.workspace, "editor");

    await fixture.ownerCaller.member.changeRole({
      workspaceSlug: fixture.workspace.slug,
      membershipId: editor.membershipId,
      role: "editor",
    });

    expect(await roleOf(fixture.workspace, editor.user)).toBe("editor");
    expect(await auditEntries(fixture.workspace, "member.role_change")).toEqual([]);
  });

  it("refuses an admin changing an owner's role, or making anyone owner", async () => {
    const fixture = await createWorkspaceFixture("admin-vs-owner");
    const admin = await addMember(fixture.workspace, "admin");
    const editor = await addMember(fixture.workspace, "editor");

    await expectTRPCError(
      admin.caller.member.changeRole({
        workspaceSlug: fixture.workspace.slug,
        membershipId: await ownerMembershipId(fixture),
        role: "viewer",
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      admin.caller.member.changeRole({
        workspaceSlug: fixture.workspace.slug,
        membershipId: editor.membershipId,
        role: "owner",
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      admin.caller.member.changeRole({
        workspaceSlug: fixture.workspace.slug,
        membershipId: admin.membershipId,
        role: "owner",
      }),
      "FORBIDDEN",
    );

    expect(await roleOf(fixture.workspace, fixture.owner)).toBe("owner");
    expect(await roleOf(fixture.workspace, editor.user)).toBe("editor");
    expect(await roleOf(fixture.workspace, admin.user)).toBe("admin");
    expect(await auditEntries(fixture.workspace, "member.role_change")).toEqual([]);
  });

  it("refuses to demote the last owner with PRECONDITION_FAILED", async () => {
    const fixture = await createWorkspaceFixture("last-owner");

    const error = await expectTRPCError(
      fixture.ownerCaller.member.changeRole({
        workspaceSlug: fixture.workspace.slug,
        membershipId: await ownerMembershipId(fixture),
        role: "admin",
      }),
      "PRECONDITION_FAILED",
    );

    expect(appErrorDetails(error)).toEqual({ reason: "lastOwner" });
    expect(await roleOf(fixture.workspace, fixture.owner)).toBe("owner");
  });

  it("lets an owner step down once another member has been made owner", async () => {
    const fixture = await createWorkspaceFixture("handover");
    const successor = await addMember(fixture.workspace, "admin");

    await fixture.ownerCaller.member.changeRole({
      workspaceSlug: fixture.workspace.slug,
      membershipId: successor.membershipId,
      role: "owner",
    });
    await fixture.ownerCaller.member.changeRole({
      workspaceSlug: fixture.workspace.slug,
      membershipId: await ownerMembershipId(fixture),
      role: "admin",
    });

    expect(await roleOf(fixture.workspace, successor.user)).toBe("owner");
    expect(await roleOf(fixture.workspace, fixture.owner)).toBe("admin");
    expect(await auditEntries(fixture.workspace, "member.role_change")).toMatchObject([
      { actorId: fixture.owner.id, targetId: successor.user.id, meta: { from: "admin", to: "owner" } },
      { actorId: fixture.owner.id, targetId: fixture.owner.id, meta: { from: "owner", to: "admin" } },
    ]);
  });
});

describe("member.remove", () => {
  it("lets an admin remove a member, who then loses access, and records member.remove", async () => {
    const fixture = await createWorkspaceFixture("remove");
    const admin = await addMember(fixture.workspace, "admin");
    const viewer = await addMember(fixture.workspace, "viewer");

    const result = await admin.caller.member.remove({
      workspaceSlug: fixture.workspace.slug,
      membershipId: viewer.membershipId,
    });

    expect(result).toEqual({ left: false });
    expect(await roleOf(fixture.workspace, viewer.user)).toBeNull();
    await expectTRPCError(
      viewer.caller.workspace.current({ workspaceSlug: fixture.workspace.slug }),
      "NOT_FOUND",
    );
    expect(await auditEntries(fixture.workspace, "member.remove")).toMatchObject([
      {
        actorId: admin.user.id,
        targetId: viewer.user.id,
        meta: { email: viewer.user.email, role: "viewer" },
      },
    ]);
  });

  it("refuses an admin removing an owner", async () => {
    const fixture = await createWorkspaceFixture("remove-owner");
    const admin = await addMember(fixture.workspace, "admin");

    await expectTRPCError(
      admin.caller.member.remove({
        workspaceSlug: fixture.workspace.slug,
        membershipId: await ownerMembershipId(fixture),
      }),
      "FORBIDDEN",
    );

    expect(await roleOf(fixture.workspace, fixture.owner)).toBe("owner");
    expect(await auditEntries(fixture.workspace, "member.remove")).toEqual([]);
  });

  it("answers NOT_FOUND for a membership that was already removed", async () => {
    const fixture = await createWorkspaceFixture("remove-twice");
    const viewer = await addMember(fixture.workspace, "viewer");
    const target = { workspaceSlug: fixture.workspace.slug, membershipId: viewer.membershipId };
    await fixture.ownerCaller.member.remove(target);

    await expectTRPCError(fixture.ownerCaller.member.remove(target), "NOT_FOUND");
    expect(await auditEntries(fixture.workspace, "member.remove")).toHaveLength(1);
  });
});

describe("member.leave", () => {
  it("lets a viewer leave the workspace and records member.leave", async () => {
    const fixture = await createWorkspaceFixture("leave");
    const viewer = await addMember(fixture.workspace, "viewer");

    const result = await viewer.caller.member.leave({ workspaceSlug: fixture.workspace.slug });

    expect(result).toEqual({ left: true });
    expect(await viewer.caller.workspace.mine()).toEqual([]);
    expect(await auditEntries(fixture.workspace, "member.leave")).toMatchObject([
      { actorId: viewer.user.id, targetId: viewer.user.id, meta: { role: "viewer" } },
    ]);
  });

  it("refuses to let the last owner leave with PRECONDITION_FAILED", async () => {
    const fixture = await createWorkspaceFixture("owner-leave");
    await addMember(fixture.workspace, "admin");

    const error = await expectTRPCError(
      fixture.ownerCaller.member.leave({ workspaceSlug: fixture.workspace.slug }),
      "PRECONDITION_FAILED",
    );

    expect(appErrorDetails(error)).toEqual({ reason: "lastOwner" });
    expect(await roleOf(fixture.workspace, fixture.owner)).toBe("owner");
    expect(await auditEntries(fixture.workspace, "member.leave")).toEqual([]);
  });

  it("lets an owner leave once another owner exists", async () => {
    const fixture = await createWorkspaceFixture("owner-leaves");
    const successor = await addMember(fixture.workspace, "editor");
    await fixture.ownerCaller.member.changeRole({
      workspaceSlug: fixture.workspace.slug,
      membershipId: successor.membershipId,
      role: "owner",
    });

    await fixture.ownerCaller.member.leave({ workspaceSlug: fixture.workspace.slug });

    expect(await roleOf(fixture.workspace, fixture.owner)).toBeNull();
    expect(await successor.caller.member.list({ workspaceSlug: fixture.workspace.slug })).toMatchObject([
      { userId: successor.user.id, role: "owner" },
    ]);
    expect(await auditEntries(fixture.workspace, "member.leave")).toMatchObject([
      { actorId: fixture.owner.id, meta: { role: "owner" } },
    ]);
  });
});
