/**
 * Workspace isolation, the acceptance point of the workspaces issue: nobody reaches into a workspace
 * they are not a member of, whether by naming its slug or by passing ids that belong to it.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { invitations } from "@/db/schema";
import {
  addMember,
  appErrorDetails,
  callerFor,
  createUser,
  createWorkspaceFixture,
  expectTRPCError,
  roleOf,
  uniqueEmail,
  uniqueSlug,
  type Caller,
  type MemberFixture,
  type WorkspaceFixture,
  openTestDatabase,
} from "@/server/testing/fixtures";

beforeAll(openTestDatabase);

/** Every workspace-scoped procedure, called with `slug` and ids that need not exist. */
const workspaceCalls: [string, (caller: Caller, slug: string) => Promise<unknown>][] = [
  ["workspace.current", (c, slug) => c.workspace.current({ workspaceSlug: slug })],
  ["workspace.rename", (c, slug) => c.workspace.rename({ workspaceSlug: slug, name: "Renamed" })],
  ["member.list", (c, slug) => c.member.list({ workspaceSlug: slug })],
  [
    "member.changeRole",
    (c, slug) => c.member.changeRole({ workspaceSlug: slug, membershipId: "any", role: "viewer" }),
  ],
  ["member.remove", (c, slug) => c.member.remove({ workspaceSlug: slug, membershipId: "any" })],
  ["member.leave", (c, slug) => c.member.leave({ workspaceSlug: slug })],
  ["invitation.list", (c, slug) => c.invitation.list({ workspaceSlug: slug })],
  [
    "invitation.create",
    (c, slug) => c.invitation.create({ workspaceSlug: slug, email: uniqueEmail("x"), role: "viewer" }),
  ],
  ["invitation.revoke", (c, slug) => c.invitation.revoke({ workspaceSlug: slug, invitationId: "any" })],
  ["audit.list", (c, slug) => c.audit.list({ workspaceSlug: slug })],
  ["template.list", (c, slug) => c.template.list({ workspaceSlug: slug })],
  ["flow.list", (c, slug) => c.flow.list({ workspaceSlug: slug })],
  ["flow.get", (c, slug) => c.flow.get({ workspaceSlug: slug, flowId: "any" })],
  ["flow.create", (c, slug) => c.flow.create({ workspaceSlug: slug, name: "Sneaky" })],
  ["flow.rename", (c, slug) => c.flow.rename({ workspaceSlug: slug, flowId: "any", name: "Sneaky" })],
  ["flow.duplicate", (c, slug) => c.flow.duplicate({ workspaceSlug: slug, flowId: "any" })],
  ["flow.archive", (c, slug) => c.flow.archive({ workspaceSlug: slug, flowId: "any", archived: true })],
  ["flow.delete", (c, slug) => c.flow.delete({ workspaceSlug: slug, flowId: "any" })],
  [
    "flow.saveDraft",
    (c, slug) => c.flow.saveDraft({ workspaceSlug: slug, flowId: "any", revision: 1, document: {} }),
  ],
  ["flow.publish", (c, slug) => c.flow.publish({ workspaceSlug: slug, flowId: "any", revision: 1 })],
  ["flow.listVersions", (c, slug) => c.flow.listVersions({ workspaceSlug: slug, flowId: "any" })],
  ["flow.getVersion", (c, slug) => c.flow.getVersion({ workspaceSlug: slug, flowId: "any", number: 1 })],
  [
    "flow.restoreVersion",
    (c, slug) => c.flow.restoreVersion({ workspaceSlug: slug, flowId: "any", number: 1, revision: 1 }),
  ],
  ["flow.export", (c, slug) => c.flow.export({ workspaceSlug: slug, flowId: "any" })],
  ["flow.import", (c, slug) => c.flow.import({ workspaceSlug: slug, file: {} })],
];

const adminOnlyCalls = workspaceCalls.filter(([name]) =>
  [
    "workspace.rename",
    "member.changeRole",
    "member.remove",
    "invitation.list",
    "invitation.create",
    "invitation.revoke",
    "audit.list",
  ].includes(name),
);

describe("a signed-in user who is not a member", () => {
  let target: WorkspaceFixture;
  let outsider: Caller;

  beforeAll(async () => {
    target = await createWorkspaceFixture("secret");
    // The outsider is an owner elsewhere: being powerful in one workspace grants nothing in another.
    outsider = (await createWorkspaceFixture("outsider")).ownerCaller;
  });

  it.each(workspaceCalls)(
    "gets NOT_FOUND from %s on another workspace, naming nothing of it",
    async (_name, call) => {
      const error = await expectTRPCError(call(outsider, target.workspace.slug), "NOT_FOUND");
      const missing = await expectTRPCError(call(outsider, uniqueSlug("missing")), "NOT_FOUND");

      // Indistinguishable from a workspace that does not exist.
      expect(error.message).toBe(missing.message);
      expect(appErrorDetails(error)).toBeUndefined();
      for (const secret of [
        target.workspace.name,
        target.workspace.slug,
        target.workspace.id,
        target.owner.email,
      ]) {
        expect(error.message).not.toContain(secret);
      }
    },
  );

  it("leaves the other workspace untouched after trying every procedure on it", async () => {
    for (const [, call] of workspaceCalls) {
      await expectTRPCError(call(outsider, target.workspace.slug), "NOT_FOUND");
    }

    const seenByOwner = target.ownerCaller;
    expect(await seenByOwner.workspace.current({ workspaceSlug: target.workspace.slug })).toMatchObject({
      name: target.workspace.name,
    });
    expect(await seenByOwner.member.list({ workspaceSlug: target.workspace.slug })).toHaveLength(1);
    expect(await seenByOwner.invitation.list({ workspaceSlug: target.workspace.slug })).toEqual([]);
    expect(await seenByOwner.flow.list({ workspaceSlug: target.workspace.slug })).toMatchObject({ total: 0 });
  });
});

describe("an admin of one workspace passing ids from another", () => {
  let home: WorkspaceFixture;
  let admin: MemberFixture;
  let other: WorkspaceFixture;
  let otherEditor: MemberFixture;

  beforeAll(async () => {
    home = await createWorkspaceFixture("home");
    admin = await addMember(home.workspace, "admin");
    other = await createWorkspaceFixture("other");
    otherEditor = await addMember(other.workspace, "editor");
  });

  it("gets NOT_FOUND changing the role of the other workspace's member, whose role stays", async () => {
    await expectTRPCError(
      admin.caller.member.changeRole({
        workspaceSlug: home.workspace.slug,
        membershipId: otherEditor.membershipId,
        role: "viewer",
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      home.ownerCaller.member.changeRole({
        workspaceSlug: home.workspace.slug,
        membershipId: otherEditor.membershipId,
        role: "owner",
      }),
      "NOT_FOUND",
    );

    expect(await roleOf(other.workspace, otherEditor.user)).toBe("editor");
    expect(await roleOf(home.workspace, otherEditor.user)).toBeNull();
  });

  it("gets NOT_FOUND removing the other workspace's member, who stays a member", async () => {
    await expectTRPCError(
      admin.caller.member.remove({
        workspaceSlug: home.workspace.slug,
        membershipId: otherEditor.membershipId,
      }),
      "NOT_FOUND",
    );

    expect(await roleOf(other.workspace, otherEditor.user)).toBe("editor");
    expect(await otherEditor.caller.workspace.current({ workspaceSlug: other.workspace.slug })).toMatchObject(
      {
        id: other.workspace.id,
      },
    );
  });

  it("gets NOT_FOUND revoking the other workspace's invitation, which can still be accepted", async () => {
    const inviteeEmail = uniqueEmail("invitee");
    const invitation = await other.ownerCaller.invitation.create({
      workspaceSlug: other.workspace.slug,
      email: inviteeEmail,
      role: "viewer",
    });

    await expectTRPCError(
      admin.caller.invitation.revoke({ workspaceSlug: home.workspace.slug, invitationId: invitation.id }),
      "NOT_FOUND",
    );

    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row?.revokedAt).toBeNull();
    const token = new URL(invitation.link).pathname.split("/").pop() ?? "";
    const invitee = await createUser("invitee", inviteeEmail);
    await callerFor(invitee).invitation.accept({ token });
    expect(await roleOf(other.workspace, invitee)).toBe("viewer");
  });

  it("sees only their own workspace's members, invitations and audit entries", async () => {
    const slug = home.workspace.slug;
    const members = await admin.caller.member.list({ workspaceSlug: slug });
    const entries = await admin.caller.audit.list({ workspaceSlug: slug, pageSize: 100 });

    expect(members.map((m) => m.userId).sort()).toEqual([home.owner.id, admin.user.id].sort());
    expect(entries.entries.map((e) => e.actorId)).not.toContain(other.owner.id);
  });
});

describe("a viewer", () => {
  let fixture: WorkspaceFixture;
  let viewer: MemberFixture;
  let editor: MemberFixture;

  beforeAll(async () => {
    fixture = await createWorkspaceFixture("viewer");
    viewer = await addMember(fixture.workspace, "viewer");
    editor = await addMember(fixture.workspace, "editor");
  });

  it.each(adminOnlyCalls)("gets FORBIDDEN from the admin procedure %s", async (_name, call) => {
    await expectTRPCError(call(viewer.caller, fixture.workspace.slug), "FORBIDDEN");
  });

  it("cannot change another member's role even when naming a real membership", async () => {
    await expectTRPCError(
      viewer.caller.member.changeRole({
        workspaceSlug: fixture.workspace.slug,
        membershipId: editor.membershipId,
        role: "viewer",
      }),
      "FORBIDDEN",
    );

    expect(await roleOf(fixture.workspace, editor.user)).toBe("editor");
  });

  it("may still read the workspace and its member list", async () => {
    expect(await viewer.caller.workspace.current({ workspaceSlug: fixture.workspace.slug })).toMatchObject({
      role: "viewer",
    });
    expect(await viewer.caller.member.list({ workspaceSlug: fixture.workspace.slug })).toHaveLength(3);
  });
});

describe("a signed-out caller", () => {
  let fixture: WorkspaceFixture;

  beforeAll(async () => {
    fixture = await createWorkspaceFixture("public");
  });

  it.each(workspaceCalls)("gets UNAUTHORIZED from %s", async (_name, call) => {
    await expectTRPCError(call(callerFor(null), fixture.workspace.slug), "UNAUTHORIZED");
  });

  it("gets UNAUTHORIZED listing or creating workspaces and accepting invitations", async () => {
    const anonymous = callerFor(null);
    await expectTRPCError(anonymous.workspace.mine(), "UNAUTHORIZED");
    await expectTRPCError(
      anonymous.workspace.create({ name: "Anon", slug: uniqueSlug("anon") }),
      "UNAUTHORIZED",
    );
    await expectTRPCError(anonymous.invitation.accept({ token: "x".repeat(43) }), "UNAUTHORIZED");
  });
});
