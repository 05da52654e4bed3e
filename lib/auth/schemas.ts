import { z } from "zod";
import { ROLES } from "./roles";

/**
 * Schemas shared by the forms (inline validation) and the server (the same rules, enforced).
 * Messages are keys into the `validation` section of lib/i18n/messages, so forms show them in the
 * reader's language.
 */
export const PASSWORD_MIN_LENGTH = 10;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "emailRequired")
  .max(254, "emailTooLong")
  .pipe(z.email("emailInvalid"));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, "passwordTooShort")
  .max(128, "passwordTooLong")
  .refine((p) => /\p{L}/u.test(p) && /\p{N}/u.test(p), "passwordNeedsLetterAndDigit");

export const signUpInput = z
  .object({
    name: z.string().trim().min(1, "nameRequired").max(100, "nameTooLong"),
    email: emailSchema,
    password: passwordSchema,
  })
  .refine((v) => !v.password.toLowerCase().includes(v.email.split("@")[0] ?? "\u0000"), {
    message: "passwordContainsEmail",
    path: ["password"],
  });
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "passwordRequired").max(128, "passwordTooLong"),
});
export type SignInInput = z.infer<typeof signInInput>;

const RESERVED_SLUGS = new Set(["new", "api", "admin", "settings", "onboarding", "w", "invite", "privacy"]);

export const workspaceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "slugTooShort")
  .max(40, "slugTooLong")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slugInvalid")
  .refine((s) => !RESERVED_SLUGS.has(s), "slugReserved");

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(2, "workspaceNameTooShort")
  .max(80, "workspaceNameTooLong");

export const createWorkspaceInput = z.object({
  name: workspaceNameSchema,
  slug: workspaceSlugSchema,
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;

/** Every workspace-scoped call names its workspace by slug, as the URL does. */
export const workspaceScope = z.object({ workspaceSlug: z.string().min(1).max(60) });

export const renameWorkspaceInput = workspaceScope.extend({ name: workspaceNameSchema });

export const roleSchema = z.enum(ROLES, "roleInvalid");

export const inviteMemberInput = workspaceScope.extend({
  email: emailSchema,
  role: roleSchema,
});
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;

export const changeRoleInput = workspaceScope.extend({
  membershipId: z.string().min(1),
  role: roleSchema,
});

export const membershipTargetInput = workspaceScope.extend({ membershipId: z.string().min(1) });
export const invitationTargetInput = workspaceScope.extend({ invitationId: z.string().min(1) });
export const invitationTokenInput = z.object({ token: z.string().min(20).max(200) });

export const listAuditInput = workspaceScope.extend({
  action: z.string().max(80).optional(),
  actorId: z.string().max(80).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
});
export type ListAuditInput = z.infer<typeof listAuditInput>;

/** Turns a workspace name into a slug suggestion; the user may edit it. */
export function suggestSlug(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base.length >= 3 ? base : "";
}
