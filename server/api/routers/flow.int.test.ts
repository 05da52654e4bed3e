import { beforeAll, describe, expect, it } from "vitest";
import { emptyFlowDocument } from "@/lib/flow/schema";
import { starterDocument } from "@/lib/flow/starters";
import { appErrorDetails, auditEntries, expectTRPCError, openTestDatabase } from "@/server/testing/fixtures";
import {
  createFlowIn,
  createFlowWorkspace,
  invalidDocument,
  storedFlow,
  validDocument,
  type FlowWorkspace,
} from "@/server/testing/flow-fixtures";

beforeAll(openTestDatabase);

const STARTERS = ["order-shipped", "appointment-reminder", "marketing-broadcast"] as const;

describe("flow.create", () => {
  it("creates a blank draft that has no nodes and is not yet publishable", async () => {
    const ws = await createFlowWorkspace("blank");

    const { id } = await ws.editor.caller.flow.create({ workspaceSlug: ws.slug, name: "  Welcome  " });

    const flow = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: id });
    expect(flow).toMatchObject({
      id,
      name: "Welcome",
      description: "",
      status: "draft",
      revision: 1,
      publishedVersion: null,
      draft: emptyFlowDocument(),
      updatedByName: ws.editor.user.name,
    });
    expect(flow.findings.some((f) => f.severity === "error")).toBe(true);
    expect(await auditEntries(ws.workspace, "flow.create")).toMatchObject([
      {
        actorId: ws.editor.user.id,
        targetType: "flow",
        targetId: id,
        meta: { name: "Welcome", starter: "blank" },
      },
    ]);
  });

  it.each(STARTERS)(
    "creates a flow from the %s starter that validates against the sample templates",
    async (starter) => {
      const ws = await createFlowWorkspace(starter);

      const { id } = await ws.editor.caller.flow.create({
        workspaceSlug: ws.slug,
        name: "From a starter",
        description: "Made in a test",
        starter,
      });

      const flow = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: id });
      expect(flow.draft).toEqual(starterDocument(starter));
      expect(flow.description).toBe("Made in a test");
      expect(flow.findings.filter((f) => f.severity === "error")).toEqual([]);
      const { items } = await ws.viewer.caller.flow.list({ workspaceSlug: ws.slug });
      expect(items).toMatchObject([
        { id, nodeCount: starterDocument(starter).nodes.length, status: "draft" },
      ]);
    },
  );

  it("refuses an empty name with a field error", async () => {
    const ws = await createFlowWorkspace("no-name");

    await expectTRPCError(
      ws.editor.caller.flow.create({ workspaceSlug: ws.slug, name: "   " }),
      "BAD_REQUEST",
    );

    expect((await ws.editor.caller.flow.list({ workspaceSlug: ws.slug })).total).toBe(0);
  });
});

describe("flow.list", () => {
  let ws: FlowWorkspace;
  let ids: Record<"shipped" | "reminder" | "sale" | "percent" | "archived", string>;

  beforeAll(async () => {
    ws = await createFlowWorkspace("list");
    ids = {
      shipped: await createFlowIn(ws, "Order shipped"),
      reminder: await createFlowIn(ws, "Appointment reminder", "appointment-reminder"),
      sale: await createFlowIn(ws, "Summer sale", "marketing-broadcast"),
      percent: await createFlowIn(ws, "50% off", "blank"),
      archived: await createFlowIn(ws, "Old order notice"),
    };
    await ws.editor.caller.flow.rename({
      workspaceSlug: ws.slug,
      flowId: ids.sale,
      name: "Summer sale",
      description: "Broadcast for ORDER season",
    });
    const shipped = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: ids.shipped });
    await ws.editor.caller.flow.publish({
      workspaceSlug: ws.slug,
      flowId: ids.shipped,
      revision: shipped.revision,
    });
    await ws.editor.caller.flow.archive({ workspaceSlug: ws.slug, flowId: ids.archived, archived: true });
  });

  const list = (input: { search?: string; status?: "draft" | "published" | "archived" | "active" }) =>
    ws.viewer.caller.flow.list({ workspaceSlug: ws.slug, ...input });

  it("lists every flow but the archived ones by default", async () => {
    const { items, total } = await list({});

    expect(total).toBe(4);
    expect(items.map((i) => i.id).sort()).toEqual([ids.shipped, ids.reminder, ids.sale, ids.percent].sort());
  });

  it("filters by status", async () => {
    expect((await list({ status: "published" })).items.map((i) => i.id)).toEqual([ids.shipped]);
    expect((await list({ status: "archived" })).items.map((i) => i.id)).toEqual([ids.archived]);
    expect((await list({ status: "draft" })).items.map((i) => i.id).sort()).toEqual(
      [ids.reminder, ids.sale, ids.percent].sort(),
    );
  });

  it("searches names and descriptions without regard to case, within the status filter", async () => {
    expect((await list({ search: "order" })).items.map((i) => i.id).sort()).toEqual(
      [ids.shipped, ids.sale].sort(),
    );
    expect((await list({ search: "ORDER", status: "archived" })).items.map((i) => i.id)).toEqual([
      ids.archived,
    ]);
    expect((await list({ search: "nothing like this" })).total).toBe(0);
  });

  it("takes % and _ in a search literally", async () => {
    expect((await list({ search: "50%" })).items.map((i) => i.id)).toEqual([ids.percent]);
    expect((await list({ search: "%" })).items.map((i) => i.id)).toEqual([ids.percent]);
    expect((await list({ search: "_" })).total).toBe(0);
  });

  it("describes each flow with its published version, revision, node count and last editor", async () => {
    const { items } = await list({ status: "published" });

    expect(items).toEqual([
      {
        id: ids.shipped,
        name: "Order shipped",
        description: "",
        status: "published",
        publishedVersion: 1,
        revision: 1,
        nodeCount: validDocument().nodes.length,
        updatedAt: expect.any(Date),
        updatedByName: ws.editor.user.name,
      },
    ]);
  });

  it("pages through the flows, most recently changed first", async () => {
    const paged = await createFlowWorkspace("pages");
    const created: string[] = [];
    for (let n = 1; n <= 5; n += 1) created.push(await createFlowIn(paged, `Flow ${n}`, "blank"));
    const first = created[0] ?? "";
    await paged.editor.caller.flow.saveDraft({
      workspaceSlug: paged.slug,
      flowId: first,
      revision: 1,
      document: validDocument(),
    });

    const pages = await Promise.all(
      [1, 2, 3].map((page) =>
        paged.viewer.caller.flow.list({ workspaceSlug: paged.slug, page, pageSize: 2 }),
      ),
    );

    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.every((p) => p.total === 5)).toBe(true);
    const seen = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(5);
    expect(seen.sort()).toEqual([...created].sort());
    expect(pages[0]?.items[0]?.id).toBe(first);
  });
});

describe("flow.rename", () => {
  it("renames a flow and changes its description without touching the draft's revision", async () => {
    const ws = await createFlowWorkspace("rename");
    const flowId = await createFlowIn(ws, "Shipping");

    await ws.editor.caller.flow.rename({
      workspaceSlug: ws.slug,
      flowId,
      name: "Shipping notice",
      description: "v2",
    });
    await ws.editor.caller.flow.rename({ workspaceSlug: ws.slug, flowId, name: "Shipping notices" });

    expect(await ws.viewer.caller.flow.get({ workspaceSlug: ws.slug, flowId })).toMatchObject({
      name: "Shipping notices",
      description: "v2",
      revision: 1,
    });
    expect(await auditEntries(ws.workspace, "flow.rename")).toMatchObject([
      { targetId: flowId, meta: { from: "Shipping", to: "Shipping notice" } },
      { targetId: flowId, meta: { from: "Shipping notice", to: "Shipping notices" } },
    ]);
  });
});

describe("flow.duplicate", () => {
  it("copies the draft into a new never-published flow named Copy of …", async () => {
    const ws = await createFlowWorkspace("duplicate");
    const flowId = await createFlowIn(ws, "Reminder", "appointment-reminder");
    const source = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId });
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: source.revision });

    const { id } = await ws.editor.caller.flow.duplicate({ workspaceSlug: ws.slug, flowId });

    expect(id).not.toBe(flowId);
    const copy = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: id });
    expect(copy).toMatchObject({
      name: "Copy of Reminder",
      status: "draft",
      revision: 1,
      publishedVersion: null,
      draft: source.draft,
    });
    expect(await ws.editor.caller.flow.listVersions({ workspaceSlug: ws.slug, flowId: id })).toEqual([]);
    expect(await auditEntries(ws.workspace, "flow.duplicate")).toMatchObject([
      { targetId: id, meta: { sourceId: flowId, name: "Copy of Reminder" } },
    ]);
  });
});

describe("flow.archive", () => {
  it("hides an archived flow from the default list, makes it read-only, and brings it back as it was", async () => {
    const ws = await createFlowWorkspace("archive");
    const flowId = await createFlowIn(ws, "Seasonal");
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });

    expect(await ws.editor.caller.flow.archive({ workspaceSlug: ws.slug, flowId, archived: true })).toEqual({
      status: "archived",
    });

    expect((await ws.editor.caller.flow.list({ workspaceSlug: ws.slug })).total).toBe(0);
    const refused = await expectTRPCError(
      ws.editor.caller.flow.saveDraft({
        workspaceSlug: ws.slug,
        flowId,
        revision: 1,
        document: validDocument(),
      }),
      "PRECONDITION_FAILED",
    );
    expect(appErrorDetails(refused)).toEqual({ reason: "archived" });
    await expectTRPCError(
      ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 }),
      "PRECONDITION_FAILED",
    );
    await expectTRPCError(
      ws.editor.caller.flow.rename({ workspaceSlug: ws.slug, flowId, name: "Renamed" }),
      "PRECONDITION_FAILED",
    );
    expect(await storedFlow(flowId)).toMatchObject({ revision: 1, name: "Seasonal", publishedVersion: 1 });

    expect(await ws.editor.caller.flow.archive({ workspaceSlug: ws.slug, flowId, archived: false })).toEqual({
      status: "published",
    });
    expect((await ws.editor.caller.flow.list({ workspaceSlug: ws.slug })).items).toMatchObject([
      { id: flowId, status: "published" },
    ]);
    expect((await auditEntries(ws.workspace, "flow.archive")).length).toBe(1);
    expect((await auditEntries(ws.workspace, "flow.unarchive")).length).toBe(1);
  });

  it("brings a never-published flow back as a draft", async () => {
    const ws = await createFlowWorkspace("unarchive-draft");
    const flowId = await createFlowIn(ws, "Idea", "blank");
    await ws.editor.caller.flow.archive({ workspaceSlug: ws.slug, flowId, archived: true });

    expect(await ws.editor.caller.flow.archive({ workspaceSlug: ws.slug, flowId, archived: false })).toEqual({
      status: "draft",
    });
  });
});

describe("flow.delete", () => {
  it("deletes a never-published flow", async () => {
    const ws = await createFlowWorkspace("delete");
    const flowId = await createFlowIn(ws, "Scratch", "blank");

    await ws.editor.caller.flow.delete({ workspaceSlug: ws.slug, flowId });

    await expectTRPCError(ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId }), "NOT_FOUND");
    expect(await auditEntries(ws.workspace, "flow.delete")).toMatchObject([
      { targetId: flowId, meta: { name: "Scratch" } },
    ]);
  });

  it("refuses to delete a flow that was ever published, even once archived", async () => {
    const ws = await createFlowWorkspace("delete-published");
    const flowId = await createFlowIn(ws, "Live");
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });
    await ws.editor.caller.flow.archive({ workspaceSlug: ws.slug, flowId, archived: true });

    const error = await expectTRPCError(
      ws.editor.caller.flow.delete({ workspaceSlug: ws.slug, flowId }),
      "PRECONDITION_FAILED",
    );

    expect(appErrorDetails(error)).toEqual({ reason: "published" });
    expect(await storedFlow(flowId)).toMatchObject({ name: "Live", status: "archived" });
    expect(await auditEntries(ws.workspace, "flow.delete")).toEqual([]);
  });
});

describe("roles", () => {
  let ws: FlowWorkspace;
  let flowId: string;

  beforeAll(async () => {
    ws = await createFlowWorkspace("roles");
    flowId = await createFlowIn(ws, "Readable");
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1, note: "first" });
  });

  it("lets a viewer read flows, versions, exports and templates", async () => {
    const viewer = ws.viewer.caller;
    const slug = ws.slug;

    expect((await viewer.flow.list({ workspaceSlug: slug })).total).toBe(1);
    expect(await viewer.flow.get({ workspaceSlug: slug, flowId })).toMatchObject({ id: flowId, revision: 1 });
    expect(await viewer.flow.listVersions({ workspaceSlug: slug, flowId })).toMatchObject([{ number: 1 }]);
    expect(await viewer.flow.getVersion({ workspaceSlug: slug, flowId, number: 1 })).toEqual(validDocument());
    expect((await viewer.flow.export({ workspaceSlug: slug, flowId })).content.document).toEqual(
      validDocument(),
    );
    expect((await viewer.template.list({ workspaceSlug: slug })).length).toBeGreaterThan(0);
  });

  it("refuses a viewer every change with FORBIDDEN, and the flow stays as it was", async () => {
    const viewer = ws.viewer.caller;
    const slug = ws.slug;

    await expectTRPCError(
      viewer.flow.saveDraft({ workspaceSlug: slug, flowId, revision: 1, document: invalidDocument() }),
      "FORBIDDEN",
    );
    await expectTRPCError(viewer.flow.publish({ workspaceSlug: slug, flowId, revision: 1 }), "FORBIDDEN");
    await expectTRPCError(viewer.flow.create({ workspaceSlug: slug, name: "Mine" }), "FORBIDDEN");
    await expectTRPCError(viewer.flow.rename({ workspaceSlug: slug, flowId, name: "Mine" }), "FORBIDDEN");
    await expectTRPCError(viewer.flow.duplicate({ workspaceSlug: slug, flowId }), "FORBIDDEN");
    await expectTRPCError(viewer.flow.archive({ workspaceSlug: slug, flowId, archived: true }), "FORBIDDEN");
    await expectTRPCError(viewer.flow.delete({ workspaceSlug: slug, flowId }), "FORBIDDEN");
    await expectTRPCError(
      viewer.flow.restoreVersion({ workspaceSlug: slug, flowId, number: 1, revision: 1 }),
      "FORBIDDEN",
    );
    await expectTRPCError(viewer.flow.import({ workspaceSlug: slug, file: validDocument() }), "FORBIDDEN");

    expect(await storedFlow(flowId)).toMatchObject({ name: "Readable", revision: 1, status: "published" });
    expect((await viewer.flow.list({ workspaceSlug: slug, status: "archived" })).total).toBe(0);
    expect((await viewer.flow.list({ workspaceSlug: slug })).total).toBe(1);
  });
});

describe("a flow of another workspace", () => {
  let home: FlowWorkspace;
  let other: FlowWorkspace;
  let foreignId: string;

  beforeAll(async () => {
    home = await createFlowWorkspace("home");
    other = await createFlowWorkspace("other");
    foreignId = await createFlowIn(other, "Theirs");
    await other.editor.caller.flow.publish({ workspaceSlug: other.slug, flowId: foreignId, revision: 1 });
  });

  it("is NOT_FOUND to an owner of another workspace, whatever the procedure, and stays unchanged", async () => {
    const owner = home.ownerCaller;
    const target = { workspaceSlug: home.slug, flowId: foreignId };
    const before = await storedFlow(foreignId);

    const calls: (() => Promise<unknown>)[] = [
      () => owner.flow.get(target),
      () => owner.flow.rename({ ...target, name: "Mine now" }),
      () => owner.flow.duplicate(target),
      () => owner.flow.archive({ ...target, archived: true }),
      () => owner.flow.delete(target),
      () => owner.flow.saveDraft({ ...target, revision: 1, document: invalidDocument() }),
      () => owner.flow.saveDraft({ ...target, revision: 1, document: invalidDocument(), force: true }),
      () => owner.flow.publish({ ...target, revision: 1 }),
      () => owner.flow.listVersions(target),
      () => owner.flow.getVersion({ ...target, number: 1 }),
      () => owner.flow.restoreVersion({ ...target, number: 1, revision: 1 }),
      () => owner.flow.export(target),
      () => owner.flow.export({ ...target, version: 1 }),
    ];
    for (const call of calls) await expectTRPCError(call(), "NOT_FOUND");

    expect(await storedFlow(foreignId)).toEqual(before);
    expect((await home.ownerCaller.flow.list({ workspaceSlug: home.slug, status: "archived" })).total).toBe(
      0,
    );
    expect((await home.ownerCaller.flow.list({ workspaceSlug: home.slug })).total).toBe(0);
    expect(
      await other.viewer.caller.flow.listVersions({ workspaceSlug: other.slug, flowId: foreignId }),
    ).toHaveLength(1);
  });
});
