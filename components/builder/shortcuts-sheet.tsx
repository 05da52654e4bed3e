"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { DialogShell } from "./dialog-shell";
import { SHORTCUTS } from "./shortcuts";

const subscribeNever = () => () => {};
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The keyboard shortcuts, opened with "?" or the toolbar's keyboard button. */
export default function ShortcutsSheet({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("builder.shortcuts");
  const mac = useSyncExternalStore(subscribeNever, isMac, () => false);
  const keyName = (k: string) =>
    k === "mod" ? (mac ? "⌘" : "Ctrl") : k === "click" || k === "drag" ? t(`keys.${k}`) : k;

  return (
    <DialogShell open={open} onOpenChange={onOpenChange} title={t("title")} wide testId="shortcuts-sheet">
      <dl className="grid grid-cols-1 gap-x-8 px-5 py-4 sm:grid-cols-2">
        {SHORTCUTS.map((s) => (
          <div key={s.id} className="flex items-center justify-between gap-3 border-b border-slate-100 py-2">
            <dt className="text-sm text-slate-700">{t(`actions.${s.id}`)}</dt>
            <dd className="flex shrink-0 flex-wrap items-center justify-end gap-1" dir="ltr">
              {s.keys.map((combo, i) => (
                <span key={i} className="flex items-center gap-0.5">
                  {i > 0 ? <span className="px-1 text-xs text-slate-400">/</span> : null}
                  {combo.map((k) => (
                    <kbd
                      key={k}
                      className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-sans text-xs text-slate-700 shadow-[0_1px_0_#cbd5e1]"
                    >
                      {keyName(k)}
                    </kbd>
                  ))}
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </DialogShell>
  );
}
