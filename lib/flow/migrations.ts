/**
 * Pure migrations of stored flow documents, one per version step: `MIGRATIONS[i]` turns a version `i + 1`
 * document into a version `i + 2` one. parseFlowDocument runs the chain from a document's version up to
 * the current one, then parses the result with the current schema, so old drafts, published versions and
 * exported files keep opening after the schema changes.
 *
 * Adding version 2: change FLOW_DOCUMENT_VERSION (./schema.ts) to 2 and append one migration here, e.g.
 *
 *   { from: 1, migrate: (doc) => ({ ...doc, version: 2, nodes: doc.nodes.map(renameDelayField) }) },
 *
 * A migration never reads the clock, the network or the workspace: the same input gives the same output.
 * It receives JSON the current schema may not accept yet and returns JSON for the next version; the schema
 * checks the end result.
 */

/** A document as stored: a JSON object (its nodes untyped until the final parse). */
export type RawFlowDocument = Record<string, unknown> & { version: number };

export interface FlowMigration {
  /** The version this migration reads; it returns version `from + 1`. */
  from: number;
  migrate: (doc: RawFlowDocument) => RawFlowDocument;
}

/** Version 1 is the first version: nothing to migrate yet. */
export const MIGRATIONS: readonly FlowMigration[] = [];

/** The sentence for a version this Raqi cannot read (the API and the import dialog show it as is). */
export function unsupportedVersion(version: unknown, target: number): string {
  return `Unsupported flow document version ${JSON.stringify(version)}: this Raqi reads version ${target}`;
}

export type MigrationResult = { ok: true; document: RawFlowDocument } | { ok: false; problem: string };

/**
 * Brings a document of version `doc.version` to version `target` through `chain`. Refuses versions it
 * cannot read (newer than `target`, not a whole number, older than the chain covers) with a sentence a
 * user can act on.
 */
export function migrateFlowDocument(
  doc: RawFlowDocument,
  target: number,
  chain: readonly FlowMigration[] = MIGRATIONS,
): MigrationResult {
  const start = doc.version;
  if (!Number.isInteger(start) || start < 1 || start > target) {
    return { ok: false, problem: unsupportedVersion(start, target) };
  }
  let current = doc;
  while (current.version < target) {
    const from = current.version;
    const step = chain.find((m) => m.from === from);
    if (!step) return { ok: false, problem: `${unsupportedVersion(from, target)} (no migration from it)` };
    const next = step.migrate(current);
    if (next.version !== from + 1) {
      // A programming error in the chain; reported rather than looping or skipping a step.
      return {
        ok: false,
        problem: `The migration from version ${from} produced version ${String(next.version)}`,
      };
    }
    current = next;
  }
  return { ok: true, document: current };
}
