"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole, type Role } from "@/lib/auth/roles";

export interface CurrentWorkspace {
  id: string;
  slug: string;
  name: string;
  role: Role;
  membershipId: string;
}

const WorkspaceContext = createContext<CurrentWorkspace | null>(null);

export function WorkspaceProvider({ value, children }: { value: CurrentWorkspace; children: ReactNode }) {
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/** The workspace the page is in, with the caller's role. The server re-checks every action. */
export function useWorkspace(): CurrentWorkspace & { can: (min: Role) => boolean } {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace outside a workspace page");
  return { ...value, can: (min) => hasRole(value.role, min) };
}
