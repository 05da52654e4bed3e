/** Export as a file and import it back: a round trip keeps the document, and a bad file says what is wrong. */
import { beforeAll, describe, expect, it } from "vitest";
import { FLOW_FILE_MAX_BYTES } from "@/lib/flow/inputs";
import { appErrorDetails, auditEntries, expectTRPCError, openTestDatabase } from "@/server/testing/fixtures";
import {
  createFlowIn,
  createFlowWorkspace,
  movedDocument,
  validDocument,
  type FlowWorkspace,
} from "@/server/testing/flow-fixtures";

beforeAll(openTestDatabase);

describe("flow.export", () => {
  let ws: FlowWorkspace;

  beforeAll(async () => {
    ws = await createFlowWorkspace("export");
  });

  it("writes the draft with its name and description into a raqi-flow file with a safe name", async () => {
    const flowId = await createFlowIn(ws, "Order shipped: Ünïcode / 2025!");
    await ws.editor.caller.flow.rename({
      workspaceSlug: ws.slug,
      flowId,
      name: "Order shipped: Ünïcode / 2025!",
      description: "Tells customers",
    });

    const exported = await ws.viewer.caller.flow.export({ workspaceSlug: ws.slug, flowId });

    expect(exported.fileName).toBe("order-shipped-unicode-2025.raqi-flow.json");
    expect(exported.content).toEqual({
      format: "raqi-flow",
      formatVersion: 1,
      name: "Order shipped: Ünïcode / 2025!",
      description: "Tells customers",
      document: validDocument(),
      exportedAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(exported.content.exportedAt))).toBe(false);
  });

  it("writes a published version, naming it in the file and its name", async () => {
    const flowId = await createFlowIn(ws, "تذكير بالموعد", "appointment-reminder");
    const published = (await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId })).draft;
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });
    await ws.editor.caller.flow.saveDraft({
      workspaceSlug: ws.slug,
      flowId,
      revision: 1,
      document: movedDocument(published),
    });

    const exported = await ws.viewer.caller.flow.export({ workspaceSlug: ws.slug, flowId, version: 1 });

    expect(exported.fileName).toBe("flow-v1.raqi-flow.json");
    expect(exported.content).toMatchObject({ sourceVersion: 1, document: published, name: "تذكير بالموعد" });
  });
});

describe("flow.import", () => {
  let ws: FlowWorkspace;

  beforeAll(async () => {
    ws = await createFlowWorkspace("import");
  });

  async function flowCount(): Promise<number> {
    const [active, archived] = await Promise.all([
      ws.viewer.caller.flow.list({ workspaceSlug: ws.slug }),
      ws.viewer.caller.flow.list({ workspaceSlug: ws.slug, status: "archived" }),
    ]);
    return active.total + archived.total;
  }

  it("reads an exported file back into a new draft with an equal document", async () => {
    const flowId = await createFlowIn(ws, "Round trip", "marketing-broadcast");
    await ws.editor.caller.flow.rename({
      workspaceSlug: ws.slug,
      flowId,
      name: "Round trip",
      description: "Sale",
    });
    await ws.editor.caller.flow.publish({ workspaceSlug: ws.slug, flowId, revision: 1 });
    const exported = await ws.editor.caller.flow.export({ workspaceSlug: ws.slug, flowId });
    // What the browser sends after reading the downloaded file.
    const file: unknown = JSON.parse(JSON.stringify(exported.content));

    const { id } = await ws.editor.caller.flow.import({ workspaceSlug: ws.slug, file });

    expect(id).not.toBe(flowId);
    const original = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId });
    const imported = await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: id });
    expect(imported.draft).toEqual(original.draft);
    expect(imported).toMatchObject({
      name: "Round trip (imported)",
      description: "Sale",
      status: "draft",
      revision: 1,
      publishedVersion: null,
    });
    expect(await ws.editor.caller.flow.listVersions({ workspaceSlug: ws.slug, flowId: id })).toEqual([]);
    expect(await auditEntries(ws.workspace, "flow.import")).toMatchObject([
      { targetId: id, actorId: ws.editor.user.id, meta: { name: "Round trip (imported)" } },
    ]);
  });

  it("accepts the file as text, and a name given by the importer", async () => {
    const flowId = await createFlowIn(ws, "As text");
    const exported = await ws.editor.caller.flow.export({ workspaceSlug: ws.slug, flowId });

    const { id } = await ws.editor.caller.flow.import({
      workspaceSlug: ws.slug,
      file: JSON.stringify(exported.content, null, 2),
      name: "As text",
    });

    expect(await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: id })).toMatchObject({
      name: "As text",
      draft: validDocument(),
    });
  });

  it("numbers the names of repeated imports", async () => {
    const flowId = await createFlowIn(ws, "Repeated");
    const { content } = await ws.editor.caller.flow.export({ workspaceSlug: ws.slug, flowId });

    const first = await ws.editor.caller.flow.import({ workspaceSlug: ws.slug, file: content });
    const second = await ws.editor.caller.flow.import({ workspaceSlug: ws.slug, file: content });

    const names = await Promise.all(
      [first.id, second.id].map(
        async (id) => (await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: id })).name,
      ),
    );
    expect(names).toEqual(["Repeated (imported)", "Repeated (imported 2)"]);
  });

  it("accepts a bare flow document", async () => {
    const { id } = await ws.editor.caller.flow.import({ workspaceSlug: ws.slug, file: validDocument() });

    expect(await ws.editor.caller.flow.get({ workspaceSlug: ws.slug, flowId: id })).toMatchObject({
      name: "Imported flow",
      description: "",
      draft: validDocument(),
    });
  });

  /** The one problem a refused import reports, with nothing created. */
  async function onlyProblem(file: unknown): Promise<string> {
    const before = await flowCount();
    const error = await expectTRPCError(
      ws.editor.caller.flow.import({ workspaceSlug: ws.slug, file }),
      "BAD_REQUEST",
    );
    const problems = appErrorDetails(error)?.problems;
    expect(problems).toHaveLength(1);
    expect(error.message).toBe((problems as string[])[0]);
    expect(await flowCount()).toBe(before);
    return (problems as string[])[0] ?? "";
  }

  const exportFile = (document: unknown, extra: Record<string, unknown> = {}) => ({
    format: "raqi-flow",
    formatVersion: 1,
    name: "From elsewhere",
    description: "",
    document,
    exportedAt: new Date().toISOString(),
    ...extra,
  });

  it("refuses a document of an unknown version with parseFlowDocument's message", async () => {
    expect(await onlyProblem(exportFile({ ...validDocument(), version: 7 }))).toBe(
      "Unsupported flow document version 7: this Raqi reads version 1",
    );
  });

  it("refuses a document of the wrong shape, naming the path", async () => {
    expect(await onlyProblem(exportFile({ version: 1, nodes: {}, edges: [] }))).toMatch(/^nodes: /);
  });

  it("refuses a file with another format marker", async () => {
    expect(await onlyProblem(exportFile(validDocument(), { format: "n8n-workflow" }))).toBe(
      'This is not a Raqi flow file: its format is "n8n-workflow", expected "raqi-flow"',
    );
  });

  it("refuses a file that is not JSON, or not a flow at all", async () => {
    expect(await onlyProblem("{ not json")).toMatch(/^The file is not JSON: /);
    expect(await onlyProblem([1, 2, 3])).toMatch(/^This is not a Raqi flow file/);
    expect(await onlyProblem({ hello: "world" })).toMatch(/^This is not a Raqi flow file/);
  });

  it("reports every problem of a file at once", async () => {
    const error = await expectTRPCError(
      ws.editor.caller.flow.import({
        workspaceSlug: ws.slug,
        file: exportFile(
          {
            version: 1,
            nodes: [{ id: "t", type: "trigger", position: { x: 0, y: "top" }, config: {} }],
            edges: 3,
          },
          { formatVersion: 9, name: 42 },
        ),
      }),
      "BAD_REQUEST",
    );

    const problems = appErrorDetails(error)?.problems as string[];
    expect(problems[0]).toBe("Unsupported flow file version 9: this Raqi reads version 1");
    expect(problems).toContain("name: expected text");
    expect(problems.some((p) => p.startsWith("nodes.0.position.y:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("edges:"))).toBe(true);
  });

  it("refuses a file over 2 MB as PAYLOAD_TOO_LARGE", async () => {
    const before = await flowCount();
    const huge = exportFile(validDocument(), { description: "x".repeat(FLOW_FILE_MAX_BYTES) });

    await expectTRPCError(
      ws.editor.caller.flow.import({ workspaceSlug: ws.slug, file: huge }),
      "PAYLOAD_TOO_LARGE",
    );
    await expectTRPCError(
      ws.editor.caller.flow.import({ workspaceSlug: ws.slug, file: JSON.stringify(huge) }),
      "PAYLOAD_TOO_LARGE",
    );
    expect(await flowCount()).toBe(before);
  });
});
