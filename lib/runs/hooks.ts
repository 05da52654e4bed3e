import { toE164 } from "../privacy/phone";
import { hookMappingSchema, type HookMapping } from "./hook-mapping";
import { parseJsonPath, readJsonPath } from "./json-path";

/**
 * Integration webhooks (`POST /api/hooks/[hookId]`): how a caller's JSON body becomes a trigger. One
 * mapping (./hook-mapping.ts) and one function for the trigger panel's dry run ("Send test payload")
 * and the public route.
 */
export * from "./hook-mapping";

export type HookMappingProblem =
  | "invalid_json"
  | "invalid_path"
  | "phone_missing"
  | "phone_invalid"
  | "name_invalid"
  | "data_missing"
  | "data_not_object";

export interface MappedHookPayload {
  /** E.164. */
  phone: string;
  name?: string;
  data: Record<string, unknown>;
}

export interface HookMappingError {
  problem: HookMappingProblem;
  /** The mapping field concerned. */
  field?: keyof HookMapping;
  /** The path as written in the mapping. */
  path?: string;
  /** What was found there (phone, name), shortened. */
  value?: string;
  message: string;
}

export type HookMappingResult =
  { ok: true; payload: MappedHookPayload } | { ok: false; error: HookMappingError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const failure = (error: HookMappingError): HookMappingResult => ({ ok: false, error });

/**
 * Applies a mapping to a parsed body: the phone must be there and be a number WhatsApp can reach; a name,
 * when present, must be text; the data must be an object. Every failure names the path (and the value).
 */
export function mapHookPayload(body: unknown, mappingInput: Partial<HookMapping>): HookMappingResult {
  const checked = hookMappingSchema.safeParse(mappingInput);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path[0];
    return failure({
      problem: "invalid_path",
      field: field === "phone" || field === "name" || field === "data" ? field : undefined,
      message: `Mapping ${String(field ?? "")}: ${issue?.message ?? "invalid"}`,
    });
  }
  const mapping = checked.data;

  const at = (path: string) => {
    const parsed = parseJsonPath(path);
    return parsed.ok ? readJsonPath(body, parsed.segments) : { found: false as const, at: "" };
  };

  const phoneLookup = at(mapping.phone);
  if (!phoneLookup.found || phoneLookup.value === null || phoneLookup.value === "") {
    const stopped = phoneLookup.found ? "" : phoneLookup.at;
    return failure({
      problem: "phone_missing",
      field: "phone",
      path: mapping.phone,
      message: `The body has no phone number at "${mapping.phone}"${stopped ? ` (it stops at "${stopped}")` : ""}`,
    });
  }
  const rawPhone = phoneLookup.value;
  const phone =
    typeof rawPhone === "string" || (typeof rawPhone === "number" && Number.isSafeInteger(rawPhone))
      ? toE164(String(rawPhone))
      : null;
  if (!phone) {
    return failure({
      problem: "phone_invalid",
      field: "phone",
      path: mapping.phone,
      value: shown(rawPhone),
      message: `"${shown(rawPhone)}" at "${mapping.phone}" is not a phone number WhatsApp can reach (use the international form, e.g. +966501234567)`,
    });
  }

  let name: string | undefined;
  if (mapping.name !== "" && mapping.name !== "$") {
    const nameLookup = at(mapping.name);
    if (nameLookup.found && nameLookup.value !== null) {
      const raw = nameLookup.value;
      if (typeof raw !== "string" && typeof raw !== "number") {
        return failure({
          problem: "name_invalid",
          field: "name",
          path: mapping.name,
          value: shown(raw),
          message: `The name at "${mapping.name}" must be text, not ${Array.isArray(raw) ? "a list" : typeof raw}`,
        });
      }
      const text = String(raw).trim().slice(0, 200);
      if (text !== "") name = text;
    }
  }

  let data: unknown = body;
  if (mapping.data !== "" && mapping.data !== "$") {
    const dataLookup = at(mapping.data);
    if (!dataLookup.found) {
      return failure({
        problem: "data_missing",
        field: "data",
        path: mapping.data,
        message: `The body has nothing at "${mapping.data}"${dataLookup.at ? ` (it stops at "${dataLookup.at}")` : ""}`,
      });
    }
    data = dataLookup.value;
  }
  if (!isRecord(data)) {
    const where = mapping.data === "" || mapping.data === "$" ? "The body" : `The value at "${mapping.data}"`;
    return failure({
      problem: "data_not_object",
      field: "data",
      path: mapping.data || "$",
      message: `${where} must be a JSON object to become the event data`,
    });
  }
  return { ok: true, payload: { phone, ...(name ? { name } : {}), data } };
}

/** The raw text of a delivery or a sample: JSON first, then the mapping. */
export function mapHookBody(text: string, mapping: Partial<HookMapping>): HookMappingResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    return failure({ problem: "invalid_json", message: `The body is not valid JSON${detail}` });
  }
  return mapHookPayload(body, mapping);
}
