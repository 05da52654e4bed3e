import { z } from "zod";
import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_STATUSES,
  templateComponentSchema,
} from "../../../lib/whatsapp/template";
import { FAULT_KINDS, type FaultKind, type Sandbox } from "./types";

/**
 * JSON control routes under /_sandbox/, so tests and benchmarks in other processes can drive a standalone
 * sandbox: POST accounts, signup-codes, inbound, user-preferences, template-status, faults; DELETE faults;
 * GET sent?phoneNumberId=&to=, rates?phoneNumberId=.
 */

const templateSchema = z.object({
  id: z.string().optional(),
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  language: z.string().min(2),
  status: z.enum(TEMPLATE_STATUSES),
  category: z.enum(TEMPLATE_CATEGORIES),
  parameterFormat: z.enum(["positional", "named"]),
  components: z.array(templateComponentSchema),
});

const accountInput = z.object({
  businessName: z.string().min(1),
  phoneCount: z.number().int().min(1).max(20).optional(),
  templates: z.array(templateSchema).optional(),
  throughputPerSecond: z.number().positive().optional(),
  subscribed: z.boolean().optional(),
});

const signupCodeInput = z.object({ wabaId: z.string(), phoneNumberIds: z.array(z.string()) });

const waId = z.string().regex(/^[1-9]\d{7,14}$/, "a wa_id: 8 to 15 digits, no +");
const inboundBase = { phoneNumberId: z.string(), from: waId, profileName: z.string().optional() };
const inboundInput = z.union([
  z.object({ ...inboundBase, text: z.string().min(1) }),
  z.object({
    ...inboundBase,
    button: z.object({ text: z.string(), payload: z.string(), contextId: z.string().optional() }),
  }),
  z.object({
    ...inboundBase,
    interactive: z.object({
      type: z.enum(["button_reply", "list_reply"]),
      id: z.string(),
      title: z.string(),
      description: z.string().optional(),
      contextId: z.string().optional(),
    }),
  }),
]);

const preferenceInput = z.object({
  wabaId: z.string(),
  phoneNumberId: z.string(),
  waId,
  value: z.enum(["stop", "resume"]),
});

const templateStatusInput = z.object({
  wabaId: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.enum(["APPROVED", "REJECTED", "PAUSED", "DISABLED"]),
  reason: z.string().optional(),
});

const faultInput = z.object({
  kind: z.enum(FAULT_KINDS as [FaultKind, ...FaultKind[]]),
  match: z
    .object({ to: z.string().optional(), phoneNumberId: z.string().optional(), path: z.string().optional() })
    .optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
});

const problem = (status: number, error: string) => Response.json({ error }, { status });

/** Answers a control route, or undefined when the path is not one. */
export async function handleControl(sandbox: Sandbox, request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith("/_sandbox/")) return undefined;
  const route = `${request.method.toUpperCase()} ${url.pathname.slice("/_sandbox/".length).replace(/\/+$/, "")}`;

  const body = async <T>(schema: z.ZodType<T>): Promise<T> => {
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw new Error("the body must be JSON");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    return parsed.data;
  };

  try {
    switch (route) {
      case "GET health":
        return Response.json({ ok: true });
      case "POST accounts":
        return Response.json(sandbox.provisionAccount(await body(accountInput)));
      case "POST signup-codes":
        return Response.json({ code: sandbox.issueSignupCode(await body(signupCodeInput)) });
      case "POST inbound":
        return Response.json(await sandbox.simulateInbound(await body(inboundInput)));
      case "POST user-preferences":
        await sandbox.simulateUserPreference(await body(preferenceInput));
        return Response.json({ success: true });
      case "POST template-status":
        await sandbox.setTemplateStatus(await body(templateStatusInput));
        return Response.json({ success: true });
      case "POST faults":
        sandbox.faults.add(await body(faultInput));
        return Response.json({ success: true });
      case "DELETE faults":
        sandbox.faults.clear();
        return Response.json({ success: true });
      case "GET sent":
        return Response.json({
          data: sandbox.sent({
            phoneNumberId: url.searchParams.get("phoneNumberId") ?? undefined,
            to: url.searchParams.get("to") ?? undefined,
          }),
        });
      case "GET rates": {
        const phoneNumberId = url.searchParams.get("phoneNumberId");
        if (!phoneNumberId) return problem(400, "phoneNumberId is required");
        return Response.json(sandbox.sendRates(phoneNumberId));
      }
      default:
        return problem(404, `no sandbox control route ${route}`);
    }
  } catch (error) {
    // Bad input, or an id the sandbox does not know: the caller's mistake, said plainly.
    if (error instanceof Error) return problem(400, error.message);
    throw error;
  }
}
