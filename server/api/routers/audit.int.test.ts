import { beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  createWorkspaceFixture,
  expectTRPCError,
  openTestDatabase,
  uniqueIp,
  uniqueEmail,
  type WorkspaceFixture,
} from "@/server/testing/fixtures";
import { verifyCredentials } from "@/server/services/accounts/verify-credentials";

beforeAll(openTestDatabase);

async function renameTimes(fixture: WorkspaceFixture, times: number): Promise<void> {
  for (let n = 1; n <= times; n += 1) {
    await fixture.ownerCaller.workspace.rename({ workspaceSlug: fixture.workspace.slug, name: `Name ${n}` });
  }
}

describe("audit.list", () => {
  it("filters entries by action", async () => {
    const fixture = await createWorkspaceFixture("by-action");
    await renameTimes(fixture, 2);
    await fixture.ownerCaller.invitation.create({
      workspaceSlug: fixture.workspace.slug,
      email: uniqueEmail("audit"),
      role: "viewer",
    });

    const renames = await fixture.ownerCaller.audit.list({
      workspaceSlug: fixture.workspace.slug,
      action: "workspace.rename",
    });

    expect(renames.total).toBe(2);
    expect(renames.entries.map((e) => e.meta)).toEqual([
      { from: "Name 1", to: "Name 2" },
      { from: fixture.workspace.name, to: "Name 1" },
    ]);
    expect(renames.entries.every((e) => e.action === "workspace.rename")).toBe(true);
  });

  it("filters entries by actor and names the actor", async () => {
    const fixture = await createWorkspaceFixture("by-actor");
    const admin = await addMember(fixture.workspace, "admin");
    await admin.caller.workspace.rename({ workspaceSlug: fixture.workspace.slug, name: "By Admin" });
    await renameTimes(fixture, 1);

    const byAdmin = await fixture.ownerCaller.audit.list({
      workspaceSlug: fixture.workspace.slug,
      actorId: admin.user.id,
    });

    expect(byAdmin.total).toBe(1);
    expect(byAdmin.entries).toMatchObject([
      {
        action: "workspace.rename",
        actorId: admin.user.id,
        actorEmail: admin.user.email,
        actorName: admin.user.name,
        targetType: "workspace",
        targetId: fixture.workspace.id,
      },
    ]);
  });

  it("pages through entries newest first, reporting the total", async () => {
    const fixture = await createWorkspaceFixture("pages");
    await renameTimes(fixture, 11); // + workspace.create = 12 entries
    const page = (n: number) =>
      fixture.ownerCaller.audit.list({ workspaceSlug: fixture.workspace.slug, pageSize: 5, page: n });

    const [first, second, third, beyond] = await Promise.all([page(1), page(2), page(3), page(4)]);

    expect([first, second, third, beyond].map((p) => [p.page, p.pageSize, p.total])).toEqual([
      [1, 5, 12],
      [2, 5, 12],
      [3, 5, 12],
      [4, 5, 12],
    ]);
    expect([first, second, third, beyond].map((p) => p.entries.length)).toEqual([5, 5, 2, 0]);
    const all = [...first.entries, ...second.entries, ...third.entries];
    expect(new Set(all.map((e) => e.id)).size).toBe(12);
    expect(all[0]?.meta).toEqual({ from: "Name 10", to: "Name 11" });
    expect(all.at(-1)?.action).toBe("workspace.create");
  });

  it("uses 25 entries a page when no page size is given", async () => {
    const fixture = await createWorkspaceFixture("default-page");

    const listed = await fixture.ownerCaller.audit.list({ workspaceSlug: fixture.workspace.slug });

    expect(listed).toMatchObject({ page: 1, pageSize: 25, total: 1 });
  });

  it("rejects a page size outside 5 to 100", async () => {
    const fixture = await createWorkspaceFixture("page-size");

    await expectTRPCError(
      fixture.ownerCaller.audit.list({ workspaceSlug: fixture.workspace.slug, pageSize: 1000 }),
      "BAD_REQUEST",
    );
  });

  it("shows the workspace's own entries and its members' account activity, never another workspace's", async () => {
    const mine = await createWorkspaceFixture("own");
    const theirs = await createWorkspaceFixture("theirs");
    await renameTimes(theirs, 3);
    // A failed sign-in of a member is an account-level entry, with no workspace.
    await verifyCredentials({ email: mine.owner.email, password: "wrong-password-1" }, uniqueIp());

    const listed = await mine.ownerCaller.audit.list({ workspaceSlug: mine.workspace.slug, pageSize: 100 });
    const renames = await mine.ownerCaller.audit.list({
      workspaceSlug: mine.workspace.slug,
      action: "workspace.rename",
    });
    const byTheirOwner = await mine.ownerCaller.audit.list({
      workspaceSlug: mine.workspace.slug,
      actorId: theirs.owner.id,
    });

    expect(listed.entries.map((e) => e.action).sort()).toEqual(["auth.sign_in_failed", "workspace.create"]);
    expect(listed.entries.find((e) => e.action === "workspace.create")).toMatchObject({
      targetId: mine.workspace.id,
    });
    expect(listed.entries.find((e) => e.action === "auth.sign_in_failed")).toMatchObject({
      actorId: mine.owner.id,
    });
    const theirsListed = await theirs.ownerCaller.audit.list({
      workspaceSlug: theirs.workspace.slug,
      pageSize: 100,
    });
    expect(theirsListed.entries.some((e) => e.actorId === mine.owner.id)).toBe(false);
    expect(renames).toMatchObject({ total: 0, entries: [] });
    expect(byTheirOwner).toMatchObject({ total: 0, entries: [] });
  });
});
