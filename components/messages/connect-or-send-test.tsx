"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { SendTestTemplateButton } from "./send-test-dialog";

/** The way to a first message from an empty list: connect WhatsApp, or send a test template. */
export function ConnectOrSendTest() {
  const t = useTranslations("messageLog.empty");
  const workspace = useWorkspace();
  return (
    <div className="flex flex-wrap justify-center gap-2">
      <Button variant="secondary" asChild>
        <Link href={`/w/${workspace.slug}/settings/connection`}>{t("connect")}</Link>
      </Button>
      <SendTestTemplateButton />
    </div>
  );
}
