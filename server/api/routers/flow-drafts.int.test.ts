/**
 * The draft and its versions: optimistic concurrency on saves (a stale revision is a CONFLICT the editor
 * can answer by reloading or overwriting), publishing only valid drafts as immutable numbered versions,
 * and restoring a version into the draft.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { appErrorDetails, auditEntries, expectTRPCError, openTestDatabase } from "@/server/testing/fixtures";
import {
  createFlowIn,
  createFlowWorkspace,
  invalidDocument,
  movedDocument,
  storedFlow,
  storedVersionCount,
  validDocument,
  type FlowWorkspace,
} from "@/server/testing/flow-fixtures";

beforeAll(openTestDatabase);

/** A race shows up on most tries but not all: repeat it to make a regression near certain. */
const TRIES = 5;

function outcome(result: PromiseSettledResult<unknown>): string {
  if (result.status === "fulfilled") return "saved";
  const error: unknown = result.reason;
  return error instanceof TRPCError ? error.code : String(error);
}

describe("flow.saveDraft", () => {
  let ws: FlowWorkspace;

  beforeAll(async () => {
    ws = await createFlowWorkspace("save");
  });

  it("stores the document and moves the revision on", async () => {
    const flowId = await createFlowIn(ws, "Saved", "blank");
    const document = validDocument();

    const saved = await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document,
    });

    expect(saved).toEqual({ revision: 2, updatedAt: expect.any(Date) });
    expect(await ws.viewer.caller.flow.get({ workspaceSlug: ws.slug, flowId })).toMatchObject({
      draft: document,
      revision: 2,
      updatedAt: saved.updatedAt,
      status: "draft",
    });
  });

  it("answers a second save of the same revision with CONFLICT, saying who changed it and when", async () => {
    const flowId = await createFlowIn(ws, "Contended", "blank");
    const first = await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: validDocument(),
    });

    const error = await expectTRPCError(
      ws.ownerCaller.flow.saveDraft({
        workspaceSlug: ws.slug,
        flowId,
        revision: 1,
        document: invalidDocument(),
      }),
      "CONFLICT",
    );

    expect(appErrorDetails(error)).toEqual({
      reason: "stale",
      currentRevision: 2,
      updatedAt: first.updatedAt,
      updatedByName: ws.editor.user.name,
    });
    expect(await storedFlow(flowId)).toMatchObject({ revision: 2, draft: validDocument() });
  });

  it("overwrites whatever is stored when forced", async () => {
    const flowId = await createFlowIn(ws, "Overwritten", "blank");
    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: validDocument(),
    });
    const mine = movedDocument(validDocument());

    const saved = await ws.ownerCaller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: mine,
      force: true,
    });

    expect(saved.revision).toBe(3);
    expect(await ws.viewer.caller.flow.get({ workspaceSlug: ws.slug, flowId })).toMatchObject({
      draft: mine,
      revision: 3,
      updatedByName: ws.owner.name,
    });
  });

  it("refuses a malformed document with every problem and its path, and keeps the draft", async () => {
    const flowId = await createFlowIn(ws, "Malformed");
    const broken = {
      version: 1,
      nodes: [{ id: "a b", type: "delay", position: { x: 0 }, config: {} }],
      edges: "none",
    };

    const error = await expectTRPCError(
      ws.editor.caller.flow.saveDraft({ workspaceSlug: ws.slug, flowId, revision: 1, document: broken }),
      "BAD_REQUEST",
    );

    const problems = appErrorDetails(error)?.problems as string[];
    expect(problems.some((p) => p.startsWith("nodes.0.id:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("nodes.0.position.y:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("edges:"))).toBe(true);
    expect(await storedFlow(flowId)).toMatchObject({ revision: 1, draft: validDocument() });
  });

  it("refuses a document of an unknown version, with parseFlowDocument's message", async () => {
    const flowId = await createFlowIn(ws, "Future");

    const error = await expectTRPCError(
      ws.editor.caller.flow.saveDraft({
        workspaceSlug: ws.slug,
        flowId,
        revision: 1,
        document: { ...validDocument(), version: 2 },
      }),
      "BAD_REQUEST",
    );

    expect(appErrorDetails(error)?.problems).toEqual([
      "Unsupported flow document version 2: this Raqi reads version 1",
    ]);
  });

  it("lets exactly one of several simultaneous saves of the same revision win", async () => {
    for (let attempt = 0; attempt < TRIES; attempt += 1) {
      const flowId = await createFlowIn(ws, `Race ${attempt}`, "blank");
      const callers = [ws.editor.caller, ws.ownerCaller, ws.editor.caller, ws.ownerCaller];
      const documents = callers.map((_, i) => movedDocument(validDocument(), i * 10));

      const results = await Promise.allSettled(
        callers.map((caller, i) =>
          caller.flow.saveDraft({ workspaceSlug: ws.slug, flowId, revision: 1, document: documents[i] }),
        ),
      );

      expect(results.map(outcome).sort()).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "saved"]);
      const winner = results.findIndex((r) => r.status === "fulfilled");
      expect(await storedFlow(flowId)).toMatchObject({ revision: 2, draft: documents[winner] });
    }
  });
});

describe("flow.publish", () => {
  let ws: FlowWorkspace;

  beforeAll(async () => {
    ws = await createFlowWorkspace("publish");
  });

  it("refuses a draft with errors, listing the findings, and changes nothing", async () => {
    const flowId = await createFlowIn(ws, "Not ready", "blank");

    const error = await expectTRPCError(
      ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1, note: "go" }),
      "PRECONDITION_FAILED",
    );

    expect(error.message).toBe("Fix the highlighted nodes before publishing");
    const details = appErrorDetails(error);
    expect(details?.reason).toBe("invalid");
    const findings = details?.findings as { severity: string; code: string; message: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.severity === "error")).toBe(true);
    expect(await storedFlow(flowId)).toMatchObject({
      status: "draft",
      revision: 1,
      publishedVersion: null,
      draft: invalidDocument(),
    });
    expect(await storedVersionCount(flowId)).toBe(0);
    expect(await auditEntries(ws.workspace, "flow.publish")).toEqual([]);
  });

  it("publishes a valid draft as version 1, then the next as version 2", async () => {
    const flowId = await createFlowIn(ws, "Shipping");
    const first = await ws.editor.caller.flow.publish({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      note: "launch",
    });
    const changed = movedDocument(validDocument());
    const saved = await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: changed,
    });

    const second = await ws.ownerCaller.flow.publish({
      workspaceSlug: ws.slug,
      flowId,
      revision: saved.revision,
    });

    expect([first, second]).toEqual([{ number: 1 }, { number: 2 }]);
    expect(await ws.viewer.caller.flow.get({ workspaceSlug: ws.slug, flowId })).toMatchObject({
      status: "published",
      publishedVersion: 2,
      revision: saved.revision,
      draft: changed,
    });
    expect(await ws.viewer.caller.flow.listVersions({ workspaceSlug: ws.slug, flowId })).toEqual([
      {
        number: 2,
        note: "",
        publishedAt: expect.any(Date),
        publishedByName: ws.owner.name,
        nodeCount: changed.nodes.length,
      },
      {
        number: 1,
        note: "launch",
        publishedAt: expect.any(Date),
        publishedByName: ws.editor.user.name,
        nodeCount: validDocument().nodes.length,
      },
    ]);
    expect(await ws.viewer.caller.flow.getVersion({ workspaceSlug: ws.slug, flowId, number: 2 })).toEqual(
      changed,
    );
    expect(await auditEntries(ws.workspace, "flow.publish")).toMatchObject([
      { targetId: flowId, actorId: ws.editor.user.id, meta: { version: 1, note: "launch" } },
      { targetId: flowId, actorId: ws.owner.id, meta: { version: 2, note: "" } },
    ]);
  });

  it("answers CONFLICT when the draft moved on since the revision the publisher reviewed", async () => {
    const flowId = await createFlowIn(ws, "Moving");
    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: movedDocument(validDocument()),
    });

    const error = await expectTRPCError(
      ws.ownerCaller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 }),
      "CONFLICT",
    );

    expect(appErrorDetails(error)).toMatchObject({ reason: "stale", currentRevision: 2 });
    expect(await storedVersionCount(flowId)).toBe(0);
  });

  it("numbers simultaneous publishes of one flow one after the other", async () => {
    const flowId = await createFlowIn(ws, "Twice at once");

    const results = await Promise.all([
      ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 }),
      ws.ownerCaller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 }),
    ]);

    expect(results.map((r) => r.number).sort()).toEqual([1, 2]);
    expect(await storedFlow(flowId)).toMatchObject({ publishedVersion: 2 });
  });

  it("keeps published versions as they were while the draft changes", async () => {
    const flowId = await createFlowIn(ws, "Immutable");
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });

    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: invalidDocument(),
    });
    await ws.editor.caller.flow.rename({ workspaceSlug: ws.slug, flowId, name: "Immutable, renamed" });

    expect(await ws.viewer.caller.flow.getVersion({ workspaceSlug: ws.slug, flowId, number: 1 })).toEqual(
      validDocument(),
    );
    expect(await ws.viewer.caller.flow.listVersions({ workspaceSlug: ws.slug, flowId })).toMatchObject([
      { number: 1, nodeCount: validDocument().nodes.length },
    ]);
    expect(await storedFlow(flowId)).toMatchObject({ status: "published", publishedVersion: 1 });
  });

  it("answers NOT_FOUND for a version that does not exist", async () => {
    const flowId = await createFlowIn(ws, "One version");
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });

    await expectTRPCError(
      ws.viewer.caller.flow.getVersion({ workspaceSlug: ws.slug, flowId, number: 2 }),
      "NOT_FOUND",
    );
  });
});

describe("flow.restoreVersion", () => {
  let ws: FlowWorkspace;

  beforeAll(async () => {
    ws = await createFlowWorkspace("restore");
  });

  it("copies a version into the draft and moves the revision on, leaving the versions as they were", async () => {
    const flowId = await createFlowIn(ws, "Restorable");
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });
    const second = movedDocument(validDocument());
    await ws.editor.caller.flow.saveDraft({ workspaceSlug: ws.slug, flowId, revision: 1, document: second });
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 2 });
    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 2,
      document: invalidDocument(),
    });

    const restored = await ws.editor.caller.flow.restoreVersion({
      workspaceSlug: ws.slug,
      flowId,
      number: 1,
      revision: 3,
    });

    expect(restored).toEqual({ revision: 4, updatedAt: expect.any(Date) });
    expect(await ws.viewer.caller.flow.get({ workspaceSlug: ws.slug, flowId })).toMatchObject({
      draft: validDocument(),
      revision: 4,
      publishedVersion: 2,
      status: "published",
    });
    expect(await ws.viewer.caller.flow.getVersion({ workspaceSlug: ws.slug, flowId, number: 2 })).toEqual(
      second,
    );
    expect(await storedVersionCount(flowId)).toBe(2);
    expect(await auditEntries(ws.workspace, "flow.restore")).toMatchObject([
      { targetId: flowId, actorId: ws.editor.user.id, meta: { version: 1, revision: 4 } },
    ]);
  });

  it("answers a stale revision with CONFLICT and keeps the draft", async () => {
    const flowId = await createFlowIn(ws, "Stale restore");
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });
    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: invalidDocument(),
    });

    const error = await expectTRPCError(
      ws.ownerCaller.flow.restoreVersion({ workspaceSlug: ws.slug, flowId, number: 1, revision: 1 }),
      "CONFLICT",
    );

    expect(appErrorDetails(error)).toMatchObject({ reason: "stale", currentRevision: 2 });
    expect(await storedFlow(flowId)).toMatchObject({ revision: 2, draft: invalidDocument() });
    const restores = await auditEntries(ws.workspace, "flow.restore");
    expect(restores.filter((entry) => entry.targetId === flowId)).toEqual([]);
  });

  it("answers NOT_FOUND for a version that does not exist, and keeps the draft", async () => {
    const flowId = await createFlowIn(ws, "Never published");

    await expectTRPCError(
      ws.editor.caller.flow.restoreVersion({ workspaceSlug: ws.slug, flowId, number: 1, revision: 1 }),
      "NOT_FOUND",
    );

    expect(await storedFlow(flowId)).toMatchObject({ revision: 1 });
  });
});
