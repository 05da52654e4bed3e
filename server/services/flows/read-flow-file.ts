import "server-only";
import {
  FLOW_FILE_FORMAT,
  FLOW_FILE_FORMAT_VERSION,
  FLOW_FILE_MAX_BYTES,
  FLOW_NAME_MAX,
  FLOW_DESCRIPTION_MAX,
} from "@/lib/flow/inputs";
import { parseFlowDocument, type FlowDocument } from "@/lib/flow/schema";
import { AppError } from "@/server/errors";

export interface FlowFileContents {
  name?: string;
  description?: string;
  document: FlowDocument;
}

const NOT_A_FLOW_FILE = `This is not a Raqi flow file: expected format "${FLOW_FILE_FORMAT}" or a flow document with version, nodes and edges`;

function refuse(problems: string[]): never {
  throw new AppError(
    "BAD_REQUEST",
    problems.length === 1 ? (problems[0] ?? "") : `The file has ${problems.length} problems`,
    {
      problems,
    },
  );
}

function assertSize(bytes: number): void {
  if (bytes > FLOW_FILE_MAX_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 2 MB", {
      limitBytes: FLOW_FILE_MAX_BYTES,
    });
  }
}

/** The file as JSON: the browser sends it parsed, or as its text. */
function jsonOf(file: unknown): unknown {
  if (typeof file !== "string") {
    assertSize(Buffer.byteLength(JSON.stringify(file) ?? ""));
    return file;
  }
  assertSize(Buffer.byteLength(file));
  try {
    return JSON.parse(file) as unknown;
  } catch (error) {
    return refuse([`The file is not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

function optionalText(value: unknown, field: string, max: number, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    problems.push(`${field}: expected text`);
    return undefined;
  }
  return value.trim().slice(0, max) || undefined;
}

/**
 * Reads an imported file: the flow.export format, or a bare FlowDocument. Every problem is reported at
 * once (wrong format marker, unsupported versions, each structural error with its path), as BAD_REQUEST
 * with `details.problems`; a file over 2 MB is PAYLOAD_TOO_LARGE.
 */
export function readFlowFile(file: unknown): FlowFileContents {
  const json = jsonOf(file);
  if (typeof json !== "object" || json === null || Array.isArray(json)) refuse([NOT_A_FLOW_FILE]);
  const fields = json as Record<string, unknown>;

  if (!("format" in fields)) {
    if (!("version" in fields) && !("nodes" in fields)) refuse([NOT_A_FLOW_FILE]);
    const parsed = parseFlowDocument(fields);
    if (!parsed.ok) refuse(parsed.problems);
    return { document: parsed.document };
  }

  const problems: string[] = [];
  const knownFormat = fields.format === FLOW_FILE_FORMAT;
  if (!knownFormat) {
    problems.push(
      `This is not a Raqi flow file: its format is ${JSON.stringify(fields.format)}, expected "${FLOW_FILE_FORMAT}"`,
    );
  } else if (fields.formatVersion !== FLOW_FILE_FORMAT_VERSION) {
    problems.push(
      `Unsupported flow file version ${JSON.stringify(fields.formatVersion) ?? "(none)"}: this Raqi reads version ${FLOW_FILE_FORMAT_VERSION}`,
    );
  }
  const name = optionalText(fields.name, "name", FLOW_NAME_MAX, problems);
  const description = optionalText(fields.description, "description", FLOW_DESCRIPTION_MAX, problems);
  let document: FlowDocument | undefined;
  if (fields.document === undefined) {
    // A foreign file says what it is above; only a Raqi file is expected to carry a document.
    if (knownFormat) problems.push("document: missing: the file holds no flow document");
  } else {
    const parsed = parseFlowDocument(fields.document);
    if (parsed.ok) document = parsed.document;
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0 || !document) refuse(problems);
  return { name, description, document };
}
