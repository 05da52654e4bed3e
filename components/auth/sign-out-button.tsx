"use client";

import { signOut } from "next-auth/react";
import type { ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

export function SignOutButton({
  children,
  redirectTo = "/sign-in",
  ...props
}: ButtonProps & { redirectTo?: string; children: ReactNode }) {
  return (
    <Button {...props} onClick={() => void signOut({ redirectTo })}>
      {children}
    </Button>
  );
}
