"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

/** A centred dialog (or, with `side`, a drawer on the end side) in the app's style. */
export function DialogShell({
  open,
  onOpenChange,
  title,
  description,
  children,
  side = false,
  wide = false,
  testId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  side?: boolean;
  wide?: boolean;
  testId?: string;
}) {
  const t = useTranslations("builder");
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
        <Dialog.Content
          data-testid={testId}
          className={cn(
            "fixed z-50 flex flex-col bg-white shadow-xl focus:outline-none",
            side
              ? "inset-y-0 end-0 w-[min(26rem,100vw)]"
              : cn(
                  "start-1/2 top-1/2 max-h-[85vh] -translate-y-1/2 rounded-xl ltr:-translate-x-1/2 rtl:translate-x-1/2",
                  wide ? "w-[min(40rem,calc(100vw-2rem))]" : "w-[min(30rem,calc(100vw-2rem))]",
                ),
          )}
        >
          <div className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0 flex-1">
              <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
              {description ? (
                <Dialog.Description className="mt-1 text-sm text-slate-600">{description}</Dialog.Description>
              ) : (
                <Dialog.Description className="sr-only">{title}</Dialog.Description>
              )}
            </div>
            <Dialog.Close
              aria-label={t("close")}
              className="flex size-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100"
            >
              <X aria-hidden className="size-4" />
            </Dialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
