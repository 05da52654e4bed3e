import type { Role } from "@/lib/auth/roles";

export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
}

export interface UserRef {
  id: string;
  email: string;
  name: string | null;
}

/** The authorised context every workspace service runs in: who, where, and with which role. */
export interface MemberContext {
  workspace: WorkspaceRef;
  user: UserRef;
  role: Role;
  membershipId: string;
}
