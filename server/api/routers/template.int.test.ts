import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_TEMPLATES } from "@/lib/flow/starters";
import { env } from "@/server/env";
import {
  addMember,
  createWorkspaceFixture,
  expectTRPCError,
  openTestDatabase,
} from "@/server/testing/fixtures";

beforeAll(openTestDatabase);

const key = (t: { name: string; language: string }) => `${t.name}/${t.language}`;

describe("template.list", () => {
  it("lists the sample templates a new workspace gets outside production, to any member", async () => {
    const { workspace } = await createWorkspaceFixture("samples");
    const viewer = await addMember(workspace, "viewer");

    const listed = await viewer.caller.template.list({ workspaceSlug: workspace.slug });

    expect(SAMPLE_TEMPLATES.length).toBeGreaterThan(0);
    expect(listed.map(key).sort()).toEqual(SAMPLE_TEMPLATES.map(key).sort());
    for (const sample of SAMPLE_TEMPLATES) {
      expect(listed.find((t) => key(t) === key(sample))).toEqual({ id: expect.any(String), ...sample });
    }
  });

  it("lists no templates when SEED_SAMPLE_TEMPLATES is off", async () => {
    const settings = env();
    settings.SEED_SAMPLE_TEMPLATES = false;
    try {
      const { workspace, ownerCaller } = await createWorkspaceFixture("no-samples");

      expect(await ownerCaller.template.list({ workspaceSlug: workspace.slug })).toEqual([]);
    } finally {
      settings.SEED_SAMPLE_TEMPLATES = true;
    }
  });

  it("shows one workspace nothing of another's templates", async () => {
    const { workspace } = await createWorkspaceFixture("tpl-home");
    const outsider = await createWorkspaceFixture("tpl-outsider");

    await expectTRPCError(outsider.ownerCaller.template.list({ workspaceSlug: workspace.slug }), "NOT_FOUND");
  });
});
