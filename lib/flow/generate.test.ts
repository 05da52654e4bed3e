import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateFlow } from "./generate";
import { NODE_TYPES, parseFlowDocument } from "./schema";
import { SAMPLE_TEMPLATES } from "./starters";
import { validate } from "./validate";

const errorsOf = (nodes: number, seed: number) =>
  validate(generateFlow(nodes, seed), { templates: SAMPLE_TEMPLATES }).filter((f) => f.severity === "error");

describe("generateFlow", () => {
  it("generates a valid 500-node flow using every node type", () => {
    const doc = generateFlow(500, 42);
    expect(doc.nodes).toHaveLength(500);
    expect(new Set(doc.nodes.map((n) => n.type))).toEqual(new Set(NODE_TYPES));
    expect(validate(doc, { templates: SAMPLE_TEMPLATES })).toEqual([]);
    expect(parseFlowDocument(JSON.parse(JSON.stringify(doc)))).toEqual({ ok: true, document: doc });
  });

  it("gives the same flow for the same seed and another flow for another seed", () => {
    expect(generateFlow(60, 7)).toEqual(generateFlow(60, 7));
    expect(generateFlow(60, 7)).not.toEqual(generateFlow(60, 8));
  });

  it("generates a flow without errors for any size and seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1000 }), fc.integer(), (nodes, seed) => {
        expect(generateFlow(nodes, seed).nodes).toHaveLength(nodes);
        expect(errorsOf(nodes, seed)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("lays nodes out on a grid without two in the same place", () => {
    const doc = generateFlow(200, 1);
    const places = new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(places.size).toBe(200);
  });

  it("refuses sizes a flow cannot have", () => {
    expect(() => generateFlow(1, 1)).toThrow(RangeError);
    expect(() => generateFlow(1001, 1)).toThrow(RangeError);
  });
});
