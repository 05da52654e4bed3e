import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrateFlowDocument, type FlowMigration } from "./migrations";
import { FLOW_DOCUMENT_VERSION, parseFlowDocument } from "./schema";

/** A pretend v1 → v2 → v3 chain, as the real one will look once version 2 exists. */
const chain: FlowMigration[] = [
  { from: 1, migrate: (doc) => ({ ...doc, version: 2, renamed: doc.old, old: undefined }) },
  { from: 2, migrate: (doc) => ({ ...doc, version: 3, viewport: { x: 0, y: 0, zoom: 1 } }) },
];

describe("flow document migrations", () => {
  it("has a migration for every version below the current one", () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(
      Array.from({ length: FLOW_DOCUMENT_VERSION - 1 }, (_, i) => i + 1),
    );
  });

  it("leaves a document of the current version untouched", () => {
    const doc = { version: FLOW_DOCUMENT_VERSION, nodes: [], edges: [] };
    expect(migrateFlowDocument(doc, FLOW_DOCUMENT_VERSION)).toEqual({ ok: true, document: doc });
  });

  it("runs each step in order from the document's version to the target", () => {
    expect(migrateFlowDocument({ version: 1, old: "x" }, 3, chain)).toEqual({
      ok: true,
      document: { version: 3, renamed: "x", old: undefined, viewport: { x: 0, y: 0, zoom: 1 } },
    });
    expect(migrateFlowDocument({ version: 2 }, 3, chain)).toMatchObject({
      ok: true,
      document: { version: 3 },
    });
  });

  it("refuses a version newer than it reads, with a clear message", () => {
    expect(migrateFlowDocument({ version: 4 }, 3, chain)).toEqual({
      ok: false,
      problem: "Unsupported flow document version 4: this Raqi reads version 3",
    });
  });

  it("refuses a version no migration starts from instead of skipping it", () => {
    expect(migrateFlowDocument({ version: 1 }, 3, chain.slice(1))).toEqual({
      ok: false,
      problem: "Unsupported flow document version 1: this Raqi reads version 3 (no migration from it)",
    });
  });

  it("reports a migration that does not produce the next version", () => {
    const broken: FlowMigration[] = [{ from: 1, migrate: (doc) => ({ ...doc, version: 3 }) }];
    expect(migrateFlowDocument({ version: 1 }, 2, broken)).toEqual({
      ok: false,
      problem: "The migration from version 1 produced version 3",
    });
  });

  it("makes parseFlowDocument refuse an unknown version with that message", () => {
    expect(parseFlowDocument({ version: 7, nodes: [], edges: [] })).toEqual({
      ok: false,
      problems: ["Unsupported flow document version 7: this Raqi reads version 1"],
    });
    expect(parseFlowDocument({ version: -1, nodes: [], edges: [] })).toEqual({
      ok: false,
      problems: ["Unsupported flow document version -1: this Raqi reads version 1"],
    });
  });
});
