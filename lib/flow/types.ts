import type { TemplateSummary } from "../whatsapp/template";

/** One problem found in a flow document. Publishing requires that none has severity "error". */
export interface Finding {
  nodeId?: string;
  edgeId?: string;
  /** Other nodes the finding is about (the steps of a loop): the canvas highlights them too. */
  relatedNodeIds?: string[];
  severity: "error" | "warning";
  /**
   * Stable machine code, e.g. "template.not_approved" (the table is ./findings.ts); the UI translates
   * `findings.<code with "." replaced by "_">`.
   */
  code: string;
  /** Plain English explanation, used by the API and as the fallback in the UI. */
  message: string;
  /** Values for the translated message (template name, variable key …). */
  params?: Record<string, string | number>;
}

/** An output handle of a node: the branch a run follows out of it. */
export interface HandleSpec {
  id: string;
  /** Shown on the canvas next to the handle. Empty means use the translated default for the id. */
  label?: string;
  /** An unconnected required handle is an error; any other unconnected handle ends the run (a warning). */
  required: boolean;
}

/** What validation knows about the workspace: the templates a template-send may pick. */
export interface ValidationContext {
  templates: TemplateSummary[];
}

/** The roots `{{…}}` expressions may read: the triggering event, the contact, the last reply. */
export const INTERPOLATION_ROOTS = ["event", "contact", "reply"] as const;
export type InterpolationRoot = (typeof INTERPOLATION_ROOTS)[number];

/** What a node's own rules may look at beyond its config. */
export interface NodeCheckContext extends ValidationContext {
  /** The whole document, for rules that look at neighbours (a wait's buttons vs the template before it). */
  document: import("./schema").FlowDocument;
  /**
   * The document's graph index, built once by validate(). Rules that look at neighbours (a wait's buttons
   * vs the template before it, a send after an opt-out) use it and are skipped when a node's rules are
   * called alone without it. Type-only: node files must not import ./graph at run time (it imports the
   * registry, which imports them).
   */
  graph?: import("./graph").FlowGraph;
}
