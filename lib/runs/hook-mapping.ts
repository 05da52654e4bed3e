import { z } from "zod";
import { MAX_JSON_PATH_LENGTH, parseJsonPath } from "./json-path";

/**
 * The mapping of an integration webhook trigger: which paths of the caller's JSON body hold the
 * contact's phone and name and the event data. Kept apart from ./hooks.ts (which reads phone numbers
 * with libphonenumber) so the flow document schema and the builder do not carry the phone metadata.
 */

/** The most a hook delivery (or a test sample) may weigh. */
export const MAX_HOOK_BODY_BYTES = 256 * 1024;

/** Header carrying `sha256=<hex>`: HMAC-SHA256 of the raw body with the hook's secret. */
export const HOOK_SIGNATURE_HEADER = "X-Raqi-Signature";

export const HOOK_AUTH_KINDS = ["hmac", "bearer"] as const;
export type HookAuthKind = (typeof HOOK_AUTH_KINDS)[number];

/** A path as the form holds it: checked with parseJsonPath, its message naming the problem. */
function pathField(required: boolean) {
  return z
    .string()
    .trim()
    .max(MAX_JSON_PATH_LENGTH)
    .superRefine((value, ctx) => {
      if (value === "" || value === "$") {
        if (required) ctx.addIssue({ code: "custom", message: "Enter the path of the phone number" });
        return;
      }
      const parsed = parseJsonPath(value);
      if (!parsed.ok)
        ctx.addIssue({ code: "custom", message: parsed.message, params: { problem: parsed.problem } });
    });
}

export const hookMappingSchema = z.object({
  /** Where the contact's phone number is, e.g. `customer.phone`. */
  phone: pathField(true).default("phone"),
  /** Where the contact's name is; empty: no name. A body without it starts the run without a name. */
  name: pathField(false).default("name"),
  /** Where the event data (`{{event.…}}` in the flow) is; empty or `$`: the whole body. */
  data: pathField(false).default(""),
});
export type HookMapping = z.infer<typeof hookMappingSchema>;

export const DEFAULT_HOOK_MAPPING: HookMapping = { phone: "phone", name: "name", data: "" };
