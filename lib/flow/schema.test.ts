import { describe, expect, it } from "vitest";
import { MAX_NODES, parseFlowDocument } from "./schema";
import { starterDocument } from "./starters";

const trigger = { id: "start", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "manual" } };

function problemsOf(raw: unknown): string[] {
  const result = parseFlowDocument(raw);
  return result.ok ? [] : result.problems;
}

describe("parseFlowDocument", () => {
  it("reads a stored document and fills each node's config defaults", () => {
    const result = parseFlowDocument({ version: 1, nodes: [trigger], edges: [] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.nodes[0]).toMatchObject({
      config: { kind: "manual", eventName: "", keywords: [], filter: [] },
    });
  });

  it("reads back what it wrote: a starter survives a JSON round trip unchanged", () => {
    const doc = starterDocument("order-shipped");
    expect(parseFlowDocument(JSON.parse(JSON.stringify(doc)))).toEqual({ ok: true, document: doc });
  });

  it("refuses something that is not an object", () => {
    for (const raw of [null, "flow", 42, [trigger]]) {
      expect(problemsOf(raw)).toEqual([
        "The flow document must be a JSON object with version, nodes and edges",
      ]);
    }
  });

  it("refuses a document without a version, or with a version it does not know, in one clear sentence", () => {
    expect(problemsOf({ nodes: [], edges: [] })).toEqual([
      "The flow document has no version: this Raqi reads version 1",
    ]);
    expect(problemsOf({ version: 2, nodes: [], edges: [] })).toEqual([
      "Unsupported flow document version 2: this Raqi reads version 1",
    ]);
    expect(problemsOf({ version: "1", nodes: [], edges: [] })).toEqual([
      'Unsupported flow document version "1": this Raqi reads version 1',
    ]);
    expect(problemsOf({ version: 0.5, nodes: [], edges: [] })).toEqual([
      "Unsupported flow document version 0.5: this Raqi reads version 1",
    ]);
  });

  it("names every missing field by its path", () => {
    expect(problemsOf({ version: 1 })).toEqual([
      "nodes: Invalid input: expected array, received undefined",
      "edges: Invalid input: expected array, received undefined",
    ]);
    const problems = problemsOf({
      version: 1,
      nodes: [{ id: "a", type: "trigger", config: {} }],
      edges: [{ id: "e" }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nodes\.0\.position: /),
        expect.stringMatching(/^edges\.0\.source: /),
      ]),
    );
  });

  it("refuses wrong types and unknown node types with their path", () => {
    const problems = problemsOf({
      version: 1,
      nodes: [
        { ...trigger, position: { x: "0", y: 0 } },
        {
          id: "w",
          type: "wait-for-reply",
          position: { x: 0, y: 0 },
          config: { timeout: { amount: -1, unit: "hours" } },
        },
        { id: "x", type: "teleport", position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [],
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "nodes.0.position.x",
      "nodes.1.config.timeout.amount",
      "nodes.2.type",
    ]);
  });

  it("refuses ids with characters other than letters, digits, _ and -", () => {
    const problems = problemsOf({
      version: 1,
      nodes: [
        { ...trigger, id: "a b" },
        { ...trigger, id: "" },
      ],
      edges: [],
    });
    expect(problems[0]).toBe("nodes.0.id: ids use letters, digits, _ and -");
    expect(problems.slice(1).every((p) => p.startsWith("nodes.1.id: "))).toBe(true);
    expect(problemsOf({ version: 1, nodes: [{ ...trigger, id: "x".repeat(65) }], edges: [] })).toEqual([
      expect.stringMatching(/^nodes\.0\.id: Too big/),
    ]);
  });

  it("refuses more nodes than a flow may have", () => {
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => ({ ...trigger, id: `n${i}` }));
    expect(problemsOf({ version: 1, nodes, edges: [] })).toEqual([expect.stringMatching(/^nodes: Too big/)]);
  });
});
