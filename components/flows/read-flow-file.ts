import { FLOW_FILE_MAX_BYTES } from "@/lib/flow/inputs";

/** What the browser could make of a chosen file before the server sees it. */
export type ReadFlowFile =
  | { ok: true; fileName: string; content: unknown; preview: { name?: string; nodeCount?: number } }
  | { ok: false; fileName: string; problem: "tooLarge" | "notJson"; detail?: string };

/**
 * Reads and parses a chosen file. Only the JSON syntax is checked here; whether it is a flow the server
 * says, problem by problem.
 */
export async function readFlowFile(file: File): Promise<ReadFlowFile> {
  if (file.size > FLOW_FILE_MAX_BYTES) return { ok: false, fileName: file.name, problem: "tooLarge" };
  const text = await file.text();
  try {
    const content: unknown = JSON.parse(text);
    return { ok: true, fileName: file.name, content, preview: previewOf(content) };
  } catch (error) {
    return {
      ok: false,
      fileName: file.name,
      problem: "notJson",
      detail: error instanceof Error ? error.message : undefined,
    };
  }
}

/** The name and size written in an exported flow file (or a bare document), when they are there. */
function previewOf(content: unknown): { name?: string; nodeCount?: number } {
  if (!isObject(content)) return {};
  const document = isObject(content.document) ? content.document : content;
  return {
    name: typeof content.name === "string" && content.name.trim() ? content.name.trim() : undefined,
    nodeCount: Array.isArray(document.nodes) ? document.nodes.length : undefined,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
