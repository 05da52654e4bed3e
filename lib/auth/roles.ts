/** Workspace roles, strongest first. The one place the order lives. */
export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { owner: 4, admin: 3, editor: 2, viewer: 1 };

/** True when `role` is at least as strong as `min`. */
export function hasRole(role: Role, min: Role): boolean {
  return rank[role] >= rank[min];
}

/** Roles a member holding `actor` may hand out or take away. Only owners touch owners. */
export function assignableRoles(actor: Role): Role[] {
  if (actor === "owner") return [...ROLES];
  if (actor === "admin") return ["admin", "editor", "viewer"];
  return [];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
