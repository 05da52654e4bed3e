"use client";

import {
  Archive,
  ArchiveRestore,
  Copy,
  Download,
  ExternalLink,
  MoreHorizontal,
  Pencil,
  Trash2,
} from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cn } from "@/lib/ui/cn";
import { RenameFlowDialog } from "./rename-flow-dialog";
import type { FlowListItem } from "./types";
import { useDirection } from "./use-direction";
import { useFlowActions } from "./use-flow-actions";

const item =
  "flex cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 data-[disabled]:cursor-not-allowed data-[disabled]:text-slate-400";

/**
 * Everything that can be done to one flow. Viewers may open and export; editors also rename, duplicate,
 * archive and delete. A flow that was ever published cannot be deleted (its runs point at its versions),
 * so Delete is disabled with the reason, and archiving is offered instead.
 */
export function FlowRowMenu({ flow }: { flow: FlowListItem }) {
  const t = useTranslations("flows.menu");
  const tDelete = useTranslations("flows.delete");
  const tCommon = useTranslations("common");
  const workspace = useWorkspace();
  const dir = useDirection();
  const canEdit = workspace.can("editor");
  const actions = useFlowActions(flow);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const archived = flow.status === "archived";
  const everPublished = flow.publishedVersion !== null;

  return (
    <>
      <DropdownMenu.Root dir={dir} modal={false}>
        <DropdownMenu.Trigger asChild>
          <Button
            variant="ghost"
            size="icon"
            data-testid={`flow-menu-${flow.id}`}
            aria-label={t("label", { name: flow.name })}
            disabled={actions.pending}
          >
            <MoreHorizontal aria-hidden className="size-4" />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            sideOffset={4}
            className="z-50 min-w-52 max-w-72 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
          >
            <DropdownMenu.Item asChild className={item}>
              <Link href={`/w/${workspace.slug}/flows/${flow.id}`}>
                <ExternalLink aria-hidden className="size-4" />
                {t("open")}
              </Link>
            </DropdownMenu.Item>
            {canEdit && !archived ? (
              <DropdownMenu.Item className={item} onSelect={() => setRenaming(true)}>
                <Pencil aria-hidden className="size-4" />
                {t("rename")}
              </DropdownMenu.Item>
            ) : null}
            {canEdit ? (
              <DropdownMenu.Item className={item} onSelect={actions.duplicate}>
                <Copy aria-hidden className="size-4" />
                {t("duplicate")}
              </DropdownMenu.Item>
            ) : null}
            <DropdownMenu.Item className={item} onSelect={actions.exportJson}>
              <Download aria-hidden className="size-4" />
              {t("export")}
            </DropdownMenu.Item>
            {canEdit ? (
              <>
                <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
                <DropdownMenu.Item className={item} onSelect={() => actions.archive(!archived)}>
                  {archived ? (
                    <ArchiveRestore aria-hidden className="size-4" />
                  ) : (
                    <Archive aria-hidden className="size-4" />
                  )}
                  {archived ? t("unarchive") : t("archive")}
                </DropdownMenu.Item>
                <DropdownMenu.Item
                  className={cn(item, "items-start text-red-600 data-[highlighted]:bg-red-50")}
                  disabled={everPublished}
                  onSelect={() => setDeleting(true)}
                >
                  <Trash2 aria-hidden className="mt-0.5 size-4 shrink-0" />
                  <span>
                    {t("delete")}
                    {everPublished ? (
                      <span className="mt-0.5 block text-xs text-slate-500">{t("deletePublished")}</span>
                    ) : null}
                  </span>
                </DropdownMenu.Item>
              </>
            ) : null}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>

      {canEdit ? (
        <>
          <RenameFlowDialog flow={flow} open={renaming} onOpenChange={setRenaming} />
          <ConfirmDialog
            testId="delete-flow-dialog"
            open={deleting}
            onOpenChange={setDeleting}
            title={tDelete("title", { name: flow.name })}
            description={tDelete("body")}
            confirmLabel={tDelete("confirm")}
            cancelLabel={tCommon("cancel")}
            onConfirm={actions.remove}
          />
        </>
      ) : null}
    </>
  );
}
