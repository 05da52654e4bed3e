/** Every action the audit log records. The admin page filters by these. */
export const AUDIT_ACTIONS = [
  "auth.sign_up",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "workspace.create",
  "workspace.rename",
  "member.invite",
  "member.invite_revoke",
  "member.join",
  "member.role_change",
  "member.remove",
  "member.leave",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
