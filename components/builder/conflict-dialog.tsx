"use client";

import { useFormatter, useTranslations } from "next-intl";
import { AlertDialog } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useSaveStore, type DraftSaver } from "./autosave";

/**
 * Someone else saved this draft since it was opened: take theirs (discarding the local changes) or
 * overwrite it with this editor's document.
 */
export function ConflictDialog({
  open,
  onOpenChange,
  saver,
  onReload,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  saver: DraftSaver;
  onReload: () => Promise<void>;
}) {
  const t = useTranslations("builder.conflict");
  const format = useFormatter();
  const conflict = useSaveStore((s) => s.conflict);
  const [busy, setBusy] = useState<"reload" | "overwrite" | null>(null);
  const who = conflict?.updatedByName ?? t("someone");

  async function run(action: "reload" | "overwrite") {
    setBusy(action);
    try {
      if (action === "reload") await onReload();
      else await saver.saveNow(true);
      if (useSaveStore.getState().status !== "conflict") onOpenChange(false);
    } finally {
      setBusy(null);
    }
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
        <AlertDialog.Content
          data-testid="conflict-dialog"
          className="fixed start-1/2 top-1/2 z-50 w-[min(34rem,calc(100vw-2rem))] -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ltr:-translate-x-1/2 rtl:translate-x-1/2"
        >
          <AlertDialog.Title className="text-base font-semibold">{t("title")}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            {conflict?.updatedAt
              ? t("bodyAt", {
                  who,
                  time: format.dateTime(conflict.updatedAt, { timeStyle: "short", dateStyle: "medium" }),
                })
              : t("body", { who })}
          </AlertDialog.Description>
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="ghost" className="me-auto">
                {t("later")}
              </Button>
            </AlertDialog.Cancel>
            <Button
              variant="secondary"
              disabled={busy !== null}
              onClick={() => void run("reload")}
              data-testid="conflict-reload"
            >
              {busy === "reload" ? t("working") : t("reload")}
            </Button>
            <Button
              variant="danger"
              disabled={busy !== null}
              onClick={() => void run("overwrite")}
              data-testid="conflict-overwrite"
            >
              {busy === "overwrite" ? t("working") : t("overwrite")}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
