import { z } from "zod";
import { workspaceScope } from "../auth/schemas";

/**
 * Inputs of the WhatsApp channel procedures, shared by the forms (inline validation) and the server.
 * Messages are keys into the `validation` messages, as in lib/auth/schemas.ts.
 */

const metaId = (required: string, invalid: string) =>
  z.string().trim().min(1, required).max(32, invalid).regex(/^\d+$/, invalid);

export const connectManualSchema = workspaceScope.extend({
  wabaId: metaId("wabaIdRequired", "wabaIdInvalid"),
  phoneNumberId: metaId("phoneNumberIdRequired", "phoneNumberIdInvalid"),
  accessToken: z
    .string()
    .trim()
    .min(1, "accessTokenRequired")
    .min(20, "accessTokenInvalid")
    .max(1024, "accessTokenInvalid")
    .regex(/^[A-Za-z0-9_|.-]+$/, "accessTokenInvalid"),
});
export type ConnectManualInput = z.infer<typeof connectManualSchema>;

/** A phone number as people type it; the server turns it into E.164. */
export const phoneInputSchema = z.string().trim().min(1, "phoneRequired").max(32, "phoneInvalid");

export const TEMPLATE_VALUE_MAX = 1024;

export const sendTestTemplateSchema = workspaceScope.extend({
  to: phoneInputSchema,
  templateId: z.string().min(1, "templateRequired").max(64),
  values: z.record(z.string().max(64), z.string().trim().max(TEMPLATE_VALUE_MAX, "valueTooLong")).default({}),
});
export type SendTestTemplateInput = z.infer<typeof sendTestTemplateSchema>;

export const MESSAGE_FILTER_STATUSES = [
  "pending",
  "accepted",
  "sent",
  "delivered",
  "read",
  "failed",
  "received",
] as const;

export const listMessagesSchema = workspaceScope.extend({
  status: z.enum(MESSAGE_FILTER_STATUSES).optional(),
  direction: z.enum(["in", "out"]).optional(),
  template: z.string().max(512).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  contactId: z.string().max(64).optional(),
  search: z.string().trim().max(100).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type ListMessagesInput = z.infer<typeof listMessagesSchema>;

export const listContactsSchema = workspaceScope.extend({
  search: z.string().trim().max(100).optional(),
  suppressed: z.boolean().optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type ListContactsInput = z.infer<typeof listContactsSchema>;

export const contactTarget = workspaceScope.extend({ contactId: z.string().min(1).max(64) });

export const suppressContactSchema = contactTarget.extend({ scope: z.enum(["marketing", "all"]) });

/** The sandbox's phone: type a reply as the contact would. */
export const simulateReplySchema = contactTarget.extend({
  text: z.string().trim().max(4096, "valueTooLong").optional(),
  button: z.object({ text: z.string().min(1).max(40), payload: z.string().max(1000) }).optional(),
  contextMessageId: z.string().max(64).optional(),
});
