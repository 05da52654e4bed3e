"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { VERSION_NOTE_MAX } from "@/lib/flow/inputs";
import type { Finding } from "@/lib/flow/types";
import { useSaveStore, type DraftSaver } from "./autosave";
import { DialogShell } from "./dialog-shell";
import { sortFindings, useFindingText } from "./use-finding-text";

interface ErrorShape {
  data?: { code?: string; details?: { reason?: unknown; findings?: unknown } | null } | null;
}

/** Publishing: a note, then the server checks the stored draft again and may answer with its findings. */
export function PublishDialog({
  open,
  onOpenChange,
  flowId,
  saver,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  flowId: string;
  saver: DraftSaver;
}) {
  const t = useTranslations("builder.publish");
  const tc = useTranslations("common");
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const findingText = useFindingText();
  const [note, setNote] = useState("");
  const [refused, setRefused] = useState<Finding[] | null>(null);
  const [saving, setSaving] = useState(false);
  const publish = useMutation(trpc.flow.publish.mutationOptions());

  async function submit() {
    setRefused(null);
    setSaving(true);
    const saved = await saver.saveNow();
    setSaving(false);
    if (!saved) {
      toast.error(t("saveFirst"));
      return;
    }
    try {
      const result = await publish.mutateAsync({
        workspaceSlug: slug,
        flowId,
        revision: useSaveStore.getState().revision,
        note: note.trim(),
      });
      toast.success(t("published", { n: result.number }));
      setNote("");
      onOpenChange(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.flow.get.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.flow.listVersions.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.flow.list.queryKey() }),
      ]);
    } catch (error) {
      const details = (error as ErrorShape).data?.details;
      if (details?.reason === "invalid" && Array.isArray(details.findings)) {
        setRefused(details.findings as Finding[]);
      } else {
        toast.error(describeError(error));
      }
    }
  }

  const busy = saving || publish.isPending;
  return (
    <DialogShell
      open={open}
      onOpenChange={(next) => {
        if (!next) setRefused(null);
        onOpenChange(next);
      }}
      title={t("title")}
      description={t("description")}
      testId="publish-dialog"
    >
      <form
        className="space-y-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="space-y-1.5">
          <label htmlFor="publish-note" className="block text-sm font-medium text-slate-700">
            {t("note")}
          </label>
          <textarea
            id="publish-note"
            value={note}
            maxLength={VERSION_NOTE_MAX}
            rows={3}
            dir="auto"
            placeholder={t("notePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/20"
          />
          <p className="text-xs text-slate-500">{t("noteHint")}</p>
        </div>
        {refused ? (
          <div
            role="alert"
            className="rounded-md border border-red-200 bg-red-50 p-3"
            data-testid="publish-refused"
          >
            <p className="text-sm font-medium text-red-900">{t("refused")}</p>
            <ul className="mt-2 space-y-1">
              {sortFindings(refused).map((f, i) => (
                <li key={i} className="flex gap-1.5 text-xs text-red-800">
                  {f.severity === "error" ? (
                    <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
                  ) : (
                    <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0 text-amber-700" />
                  )}
                  {findingText(f)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={busy} data-testid="publish-confirm">
            {busy ? t("publishing") : t("confirm")}
          </Button>
        </div>
      </form>
    </DialogShell>
  );
}
