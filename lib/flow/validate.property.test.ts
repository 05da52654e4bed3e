import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONDITION_OPERATORS } from "./condition";
import { FINDING_SEVERITIES, isFindingCode } from "./findings";
import { NODE_TYPES, parseFlowDocument } from "./schema";
import { SAMPLE_TEMPLATES } from "./starters";
import { validate } from "./validate";

/** Ids from a small pool, so edges often hit nodes, and ids sometimes repeat. */
const id = fc.constantFrom("a", "b", "c", "d", "e", "f", "start", "wait", "timeout");
const handle = fc.constantFrom("next", "true", "false", "sent", "failed", "timeout", "a", "b", "x");
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    "{{contact.name}}",
    "{{event.",
    "{{ }}",
    "{{user.x}}",
    "order.shipped",
    "https://x.io/a.png",
    "(",
    "12",
  ),
);

const config = fc.record(
  {
    kind: fc.constantFrom("event", "keyword", "webhook", "manual", "button", "keywords", "any_text"),
    eventName: text,
    keywords: fc.array(text, { maxLength: 3 }),
    filter: fc.array(fc.record({ path: text, op: fc.constantFrom(...CONDITION_OPERATORS), value: text }), {
      maxLength: 2,
    }),
    rules: fc.array(
      fc.record({
        path: text,
        op: fc.constantFrom(...CONDITION_OPERATORS),
        value: text,
        values: fc.array(text, { maxLength: 2 }),
      }),
      { maxLength: 3 },
    ),
    templateName: fc.constantFrom("", "order_shipped", "weekly_offer", "old_promo", "spring_sale", "nope"),
    language: fc.constantFrom("", "en_US", "ar", "fr"),
    variables: fc.dictionary(
      fc.constantFrom("body.1", "body.2", "header.media", "payload.0", "body.offer", "x"),
      text,
    ),
    timeout: fc.record({
      amount: fc.integer({ min: 1, max: 2000 }),
      unit: fc.constantFrom("minutes", "hours"),
    }),
    branches: fc.array(
      fc.record({
        id,
        kind: fc.constantFrom("button", "keywords", "any_text"),
        button: text,
        keywords: fc.array(text, { maxLength: 2 }),
      }),
      { maxLength: 4 },
    ),
    scope: fc.constantFrom("marketing", "all"),
    confirmationText: text,
    mode: fc.constantFrom("duration", "until"),
    duration: fc.record({
      amount: fc.integer({ min: 1, max: 100_000 }),
      unit: fc.constantFrom("minutes", "hours", "days"),
    }),
    untilPath: text,
    text,
  },
  { requiredKeys: [] },
);

const rawDocument = fc.record({
  version: fc.constant(1),
  nodes: fc.array(
    fc.record({ id, type: fc.constantFrom(...NODE_TYPES), position: fc.constant({ x: 0, y: 0 }), config }),
    { maxLength: 12 },
  ),
  edges: fc.array(
    fc.record({
      id: fc.constantFrom("e1", "e2", "e3", "e4", "e5"),
      source: id,
      sourceHandle: handle,
      target: id,
    }),
    {
      maxLength: 16,
    },
  ),
});

describe("validate on arbitrary documents", () => {
  it("never throws on a document the schema accepts, and reports only catalogued codes with their severity", () => {
    let checked = 0;
    fc.assert(
      fc.property(rawDocument, (raw) => {
        const parsed = parseFlowDocument(raw);
        if (!parsed.ok) return;
        checked++;
        const findings = validate(parsed.document, { templates: SAMPLE_TEMPLATES });
        for (const f of findings) {
          expect(isFindingCode(f.code), f.code).toBe(true);
          if (isFindingCode(f.code)) expect(f.severity).toBe(FINDING_SEVERITIES[f.code]);
          expect(f.code).not.toBe("flow.invalid");
        }
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it("reports only nodes and edges that exist in the document", () => {
    fc.assert(
      fc.property(rawDocument, (raw) => {
        const parsed = parseFlowDocument(raw);
        if (!parsed.ok) return;
        const nodeIds = new Set(parsed.document.nodes.map((n) => n.id));
        const edgeIds = new Set(parsed.document.edges.map((e) => e.id));
        for (const f of validate(parsed.document, { templates: SAMPLE_TEMPLATES })) {
          if (f.nodeId !== undefined) expect(nodeIds.has(f.nodeId)).toBe(true);
          if (f.edgeId !== undefined) expect(edgeIds.has(f.edgeId)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
