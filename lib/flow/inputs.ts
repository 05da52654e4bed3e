import { z } from "zod";
import { workspaceScope } from "../auth/schemas";
import type { FlowDocument } from "./schema";
import { STARTER_IDS } from "./starters";

/**
 * Inputs of the flow procedures, shared by the forms (inline validation) and the server (the same rules,
 * enforced). As in lib/auth/schemas.ts, messages are keys into the `validation` messages so forms show
 * them in the reader's language. Documents and imported files are typed `unknown` here on purpose: the
 * services read them with parseFlowDocument, which reports every problem with its path.
 */

export const FLOW_NAME_MAX = 120;
export const FLOW_DESCRIPTION_MAX = 500;
export const VERSION_NOTE_MAX = 500;

/** How a new flow starts: empty, or one of the starters of lib/flow/starters.ts. */
export const FLOW_STARTERS = ["blank", ...STARTER_IDS] as const;
export type FlowStarter = (typeof FLOW_STARTERS)[number];

/** The list filter: `active` is every flow that is not archived. */
export const FLOW_LIST_STATUSES = ["active", "draft", "published", "archived"] as const;
export type FlowListStatus = (typeof FLOW_LIST_STATUSES)[number];

export const flowNameSchema = z
  .string()
  .trim()
  .min(1, "flowNameRequired")
  .max(FLOW_NAME_MAX, "flowNameTooLong");

export const flowDescriptionSchema = z.string().trim().max(FLOW_DESCRIPTION_MAX, "flowDescriptionTooLong");

export const flowIdSchema = z.string().min(1).max(64);

/** The draft revision the editor last saw; a save or publish against another one is a conflict. */
export const revisionSchema = z.number().int().min(1);

export const versionNumberSchema = z.number().int().min(1);

export const flowTarget = workspaceScope.extend({ flowId: flowIdSchema });
export type FlowTarget = z.infer<typeof flowTarget>;

export const listFlowsInput = workspaceScope.extend({
  search: z.string().trim().max(100).optional(),
  status: z.enum(FLOW_LIST_STATUSES).default("active"),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ListFlowsInput = z.infer<typeof listFlowsInput>;

export const createFlowInput = workspaceScope.extend({
  name: flowNameSchema,
  description: flowDescriptionSchema.default(""),
  starter: z.enum(FLOW_STARTERS).default("blank"),
});
export type CreateFlowInput = z.infer<typeof createFlowInput>;

/** An absent description is left as it is. */
export const renameFlowInput = flowTarget.extend({
  name: flowNameSchema,
  description: flowDescriptionSchema.optional(),
});
export type RenameFlowInput = z.infer<typeof renameFlowInput>;

export const archiveFlowInput = flowTarget.extend({ archived: z.boolean() });
export type ArchiveFlowInput = z.infer<typeof archiveFlowInput>;

export const saveFlowDraftInput = flowTarget.extend({
  revision: revisionSchema,
  document: z.unknown(),
  /** Overwrite whatever is stored, whichever revision it has (the "overwrite" answer to a conflict). */
  force: z.boolean().default(false),
});
export type SaveFlowDraftInput = z.infer<typeof saveFlowDraftInput>;

export const publishFlowInput = flowTarget.extend({
  revision: revisionSchema,
  note: z.string().trim().max(VERSION_NOTE_MAX, "versionNoteTooLong").default(""),
});
export type PublishFlowInput = z.infer<typeof publishFlowInput>;

export const flowVersionTarget = flowTarget.extend({ number: versionNumberSchema });
export type FlowVersionTarget = z.infer<typeof flowVersionTarget>;

export const restoreFlowVersionInput = flowVersionTarget.extend({ revision: revisionSchema });
export type RestoreFlowVersionInput = z.infer<typeof restoreFlowVersionInput>;

/** Without `version`, the draft is exported. */
export const exportFlowInput = flowTarget.extend({ version: versionNumberSchema.optional() });
export type ExportFlowInput = z.infer<typeof exportFlowInput>;

/** `file` is the parsed JSON of the file (or its text); `name` overrides the name written in it. */
export const importFlowInput = workspaceScope.extend({
  file: z.unknown(),
  name: flowNameSchema.optional(),
});
export type ImportFlowInput = z.infer<typeof importFlowInput>;

/* ── the export file ──────────────────────────────────────────────────────── */

export const FLOW_FILE_FORMAT = "raqi-flow";
export const FLOW_FILE_FORMAT_VERSION = 1;
export const FLOW_FILE_EXTENSION = ".raqi-flow.json";
/** Larger imports are refused before parsing: 500 nodes take about 200 kB. */
export const FLOW_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** What flow.export writes and flow.import reads (a bare FlowDocument is accepted too). */
export interface FlowFile {
  format: typeof FLOW_FILE_FORMAT;
  formatVersion: typeof FLOW_FILE_FORMAT_VERSION;
  name: string;
  description: string;
  document: FlowDocument;
  /** ISO 8601. */
  exportedAt: string;
  /** The published version exported; absent for a draft. */
  sourceVersion?: number;
}

/** A file name safe on every system: "order-shipped-v3.raqi-flow.json", "flow.raqi-flow.json". */
export function flowFileName(name: string, version?: number): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || "flow";
  return `${slug}${version === undefined ? "" : `-v${version}`}${FLOW_FILE_EXTENSION}`;
}
