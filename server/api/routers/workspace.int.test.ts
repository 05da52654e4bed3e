import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import {
  addMember,
  appErrorDetails,
  auditEntries,
  callerFor,
  createUser,
  createWorkspaceFixture,
  expectTRPCError,
  fieldErrors,
  uniqueSlug,
  openTestDatabase,
} from "@/server/testing/fixtures";

beforeAll(openTestDatabase);

async function workspaceBySlug(slug: string) {
  const db = await getDb();
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row;
}

describe("workspace.create", () => {
  it("makes the creator the owner of the new workspace", async () => {
    const user = await createUser("creator");
    const caller = callerFor(user);
    const slug = uniqueSlug("acme");

    const workspace = await caller.workspace.create({ name: "  Acme Trading  ", slug });

    expect(workspace).toMatchObject({ slug, name: "Acme Trading" });
    expect(await caller.workspace.current({ workspaceSlug: slug })).toMatchObject({
      id: workspace.id,
      name: "Acme Trading",
      role: "owner",
    });
    expect(await caller.member.list({ workspaceSlug: slug })).toMatchObject([
      { userId: user.id, email: user.email, role: "owner" },
    ]);
  });

  it("records workspace.create in the workspace's audit log", async () => {
    const { workspace, owner } = await createWorkspaceFixture("audited");

    expect(await auditEntries(workspace, "workspace.create")).toMatchObject([
      {
        actorId: owner.id,
        actorLabel: owner.email,
        targetType: "workspace",
        targetId: workspace.id,
        meta: { name: workspace.name },
      },
    ]);
  });

  it("answers CONFLICT with a slugTaken field error when the slug is in use, in any case", async () => {
    const { workspace } = await createWorkspaceFixture("taken");
    const other = callerFor(await createUser("late"));

    const error = await expectTRPCError(
      other.workspace.create({ name: "Copycat", slug: workspace.slug.toUpperCase() }),
      "CONFLICT",
    );

    expect(appErrorDetails(error)).toEqual({ fields: { slug: ["slugTaken"] } });
    expect((await workspaceBySlug(workspace.slug))?.name).toBe(workspace.name);
    expect(await other.workspace.mine()).toEqual([]);
  });

  it("rejects a reserved slug with a slugReserved field error", async () => {
    const caller = callerFor(await createUser("reserved"));

    const error = await expectTRPCError(
      caller.workspace.create({ name: "Admin", slug: "admin" }),
      "BAD_REQUEST",
    );

    expect(fieldErrors(error).slug).toEqual(["slugReserved"]);
    expect(await caller.workspace.mine()).toEqual([]);
  });

  it("rejects a slug that is not lowercase letters, digits and single hyphens", async () => {
    const caller = callerFor(await createUser("invalid"));

    for (const slug of ["has space", "trailing-", "double--hyphen", "émoji"]) {
      const error = await expectTRPCError(caller.workspace.create({ name: "Bad", slug }), "BAD_REQUEST");
      expect(fieldErrors(error).slug, slug).toEqual(["slugInvalid"]);
    }
    const tooShort = await expectTRPCError(
      caller.workspace.create({ name: "Bad", slug: "ab" }),
      "BAD_REQUEST",
    );
    expect(fieldErrors(tooShort).slug).toEqual(["slugTooShort"]);
    expect(await caller.workspace.mine()).toEqual([]);
  });
});

describe("workspace.mine", () => {
  it("lists only the workspaces the caller is a member of, with their role in each", async () => {
    const first = await createWorkspaceFixture("mine-a");
    const second = await createWorkspaceFixture("mine-b");
    await createWorkspaceFixture("mine-c");
    const editor = await addMember(second.workspace, "editor");

    expect(await first.ownerCaller.workspace.mine()).toEqual([{ ...first.workspace, role: "owner" }]);
    expect(await editor.caller.workspace.mine()).toEqual([{ ...second.workspace, role: "editor" }]);
    expect(await callerFor(await createUser("loner")).workspace.mine()).toEqual([]);
  });
});

describe("workspace.rename", () => {
  it("lets an admin rename the workspace and records workspace.rename with the old and new names", async () => {
    const { workspace, ownerCaller } = await createWorkspaceFixture("rename");
    const admin = await addMember(workspace, "admin");

    const renamed = await admin.caller.workspace.rename({ workspaceSlug: workspace.slug, name: "New Name" });

    expect(renamed).toEqual({ ...workspace, name: "New Name" });
    expect(await ownerCaller.workspace.current({ workspaceSlug: workspace.slug })).toMatchObject({
      name: "New Name",
    });
    expect(await auditEntries(workspace, "workspace.rename")).toMatchObject([
      { actorId: admin.user.id, targetId: workspace.id, meta: { from: workspace.name, to: "New Name" } },
    ]);
  });

  it("refuses an editor with FORBIDDEN and leaves the name as it was", async () => {
    const { workspace } = await createWorkspaceFixture("rename-editor");
    const editor = await addMember(workspace, "editor");

    await expectTRPCError(
      editor.caller.workspace.rename({ workspaceSlug: workspace.slug, name: "Hijacked" }),
      "FORBIDDEN",
    );

    expect((await workspaceBySlug(workspace.slug))?.name).toBe(workspace.name);
    expect(await auditEntries(workspace, "workspace.rename")).toEqual([]);
  });
});
