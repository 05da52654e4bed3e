"use client";

import { useTranslations } from "next-intl";
import type { DragEvent } from "react";
import { NODE_TYPES, type NodeType } from "@/lib/flow/schema";
import { cn } from "@/lib/ui/cn";
import { useAddNodeNearCentre } from "./add-node";
import { NODE_LOOKS, PALETTE_MIME } from "./node-meta";

/** The node types: drag one onto the canvas, or click it to add it near the middle of the view. */
export function Palette() {
  const t = useTranslations("builder");
  const add = useAddNodeNearCentre();

  function onDragStart(event: DragEvent, type: NodeType) {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.setData("text/plain", type);
    event.dataTransfer.effectAllowed = "copy";
  }

  return (
    <aside
      aria-label={t("palette.title")}
      className="flex w-14 shrink-0 flex-col overflow-y-auto border-e border-slate-200 bg-white xl:w-56"
    >
      <div className="hidden px-4 pb-1 pt-4 xl:block">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("palette.title")}</h2>
        <p className="mt-1 text-xs text-slate-400">{t("palette.hint")}</p>
      </div>
      <ul className="flex flex-col gap-1 p-2">
        {NODE_TYPES.map((type) => {
          const look = NODE_LOOKS[type];
          const Icon = look.icon;
          return (
            <li key={type}>
              <button
                type="button"
                draggable
                data-testid={`palette-${type}`}
                onDragStart={(e) => onDragStart(e, type)}
                onClick={() => add(type)}
                title={t(`nodes.${type}.description`)}
                className="flex w-full cursor-grab items-start gap-3 rounded-lg border border-transparent p-2 text-start hover:border-slate-200 hover:bg-slate-50 active:cursor-grabbing"
              >
                <span
                  className={cn("flex size-8 shrink-0 items-center justify-center rounded-lg", look.tile)}
                >
                  <Icon aria-hidden className="size-4" />
                </span>
                <span className="min-w-0">
                  {/* The name stays readable by screen readers when the rail shows icons only. */}
                  <span className="sr-only text-sm font-medium text-slate-800 xl:not-sr-only xl:block">
                    {t(`nodes.${type}.title`)}
                  </span>
                  <span aria-hidden className="hidden text-xs leading-snug text-slate-500 xl:block">
                    {t(`nodes.${type}.description`)}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
