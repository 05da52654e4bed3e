"use client";

import { Check, ChevronsUpDown, LogOut, Menu, MessageCircle, Plus, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { useEffect, useState, type ReactNode } from "react";
import { LocaleSwitcher } from "@/components/providers/locale-switcher";
import type { Role } from "@/lib/auth/roles";
import { cn } from "@/lib/ui/cn";
import { LAST_WORKSPACE_COOKIE } from "@/lib/workspace-cookie";
import { NAV_ITEMS } from "./nav-items";
import { WorkspaceProvider, type CurrentWorkspace } from "./workspace-context";

interface ShellProps {
  workspace: CurrentWorkspace;
  workspaces: { slug: string; name: string; role: Role }[];
  user: { name: string | null; email: string };
  children: ReactNode;
}

const menuItem =
  "flex cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100";

export function AppShell({ workspace, workspaces, user, children }: ShellProps) {
  const t = useTranslations();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    document.cookie = `${LAST_WORKSPACE_COOKIE}=${workspace.slug}; path=/; max-age=${180 * 24 * 3600}; samesite=lax`;
  }, [workspace.slug]);

  const base = `/w/${workspace.slug}`;
  const sidebar = (
    <nav aria-label={t("nav.label")} className="flex h-full flex-col gap-1 p-3">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          data-testid="workspace-switcher"
          className="mb-3 flex w-full items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-2 text-start text-sm hover:bg-slate-50"
        >
          <span className="flex size-7 shrink-0 items-center justify-center rounded bg-brand-600 text-xs font-bold text-white">
            {workspace.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="min-w-0 flex-1">
            <span dir="auto" className="block truncate text-start font-medium">
              {workspace.name}
            </span>
            <span className="block text-xs text-slate-500">{t(`roles.${workspace.role}`)}</span>
          </span>
          <ChevronsUpDown aria-hidden className="size-4 text-slate-400" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            sideOffset={4}
            className="z-50 min-w-60 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
          >
            <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500">
              {t("shell.workspaces")}
            </DropdownMenu.Label>
            {workspaces.map((w) => (
              <DropdownMenu.Item key={w.slug} asChild className={menuItem}>
                <Link href={`/w/${w.slug}`}>
                  <Check
                    aria-hidden
                    className={cn("size-4", w.slug === workspace.slug ? "opacity-100" : "opacity-0")}
                  />
                  <span className="flex-1 truncate">{w.name}</span>
                  <span className="text-xs text-slate-400">{t(`roles.${w.role}`)}</span>
                </Link>
              </DropdownMenu.Item>
            ))}
            <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
            <DropdownMenu.Item asChild className={menuItem}>
              <Link href="/onboarding">
                <Plus aria-hidden className="size-4" />
                {t("shell.newWorkspace")}
              </Link>
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>

      {NAV_ITEMS.map(({ key, path, icon: Icon }) => {
        const href = `${base}/${path}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={key}
            href={href}
            onClick={() => setOpen(false)}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
              active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            <Icon aria-hidden className="size-4" />
            {t(`nav.${key}`)}
          </Link>
        );
      })}
    </nav>
  );

  return (
    <WorkspaceProvider value={workspace}>
      <div className="flex min-h-screen">
        <aside className="hidden w-64 shrink-0 border-e border-slate-200 bg-slate-50 md:block">
          {sidebar}
        </aside>
        {open ? (
          <div className="fixed inset-0 z-40 md:hidden">
            <button
              aria-label={t("shell.closeMenu")}
              className="absolute inset-0 bg-slate-900/30"
              onClick={() => setOpen(false)}
            />
            <aside className="absolute inset-y-0 start-0 w-72 bg-slate-50 shadow-xl">{sidebar}</aside>
          </div>
        ) : null}
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4">
            <button className="md:hidden" aria-label={t("shell.openMenu")} onClick={() => setOpen(true)}>
              {open ? <X className="size-5" /> : <Menu className="size-5" />}
            </button>
            <Link href={base} className="flex items-center gap-1.5 font-semibold text-brand-700">
              <MessageCircle aria-hidden className="size-5" />
              Raqi
            </Link>
            <div className="ms-auto flex items-center gap-3">
              <LocaleSwitcher />
              <DropdownMenu.Root>
                <DropdownMenu.Trigger
                  data-testid="user-menu"
                  aria-label={t("shell.account")}
                  className="flex size-8 items-center justify-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700"
                >
                  {(user.name ?? user.email).slice(0, 1).toUpperCase()}
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content
                    align="end"
                    sideOffset={6}
                    className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
                  >
                    <div className="px-2 py-1.5">
                      <p className="truncate text-sm font-medium">{user.name}</p>
                      <p className="truncate text-xs text-slate-500">{user.email}</p>
                    </div>
                    <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
                    <DropdownMenu.Item
                      className={menuItem}
                      onSelect={() => void signOut({ redirectTo: "/sign-in" })}
                    >
                      <LogOut aria-hidden className="size-4" />
                      {t("auth.signOut")}
                    </DropdownMenu.Item>
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu.Root>
            </div>
          </header>
          <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 md:px-8">{children}</main>
        </div>
      </div>
    </WorkspaceProvider>
  );
}
