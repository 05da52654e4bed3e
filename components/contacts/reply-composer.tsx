"use client";

import { useMutation } from "@tanstack/react-query";
import { BellOff, FlaskConical, Reply, SendHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { findTemplate, useWorkspaceTemplates } from "@/components/builder/templates";
import type { ConversationMessage } from "@/components/messages/types";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { quickReplies } from "@/lib/whatsapp/template";

/**
 * The sandbox's phone, at the bottom of the conversation: type or tap a reply as this contact would.
 * It travels the real way (a signed webhook), so opt-out keywords, the 24-hour window and waiting
 * flows react to it as to a real message.
 */
export function ReplyComposer({
  contactId,
  messages,
  onSent,
}: {
  contactId: string;
  messages: ConversationMessage[];
  onSent: () => void;
}) {
  const t = useTranslations("contacts.composer");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const templates = useWorkspaceTemplates();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reply = useMutation(
    trpc.contact.simulateReply.mutationOptions({
      onSuccess: () => {
        setError(null);
        onSent();
      },
      onError: (e) => setError(describeError(e)),
    }),
  );

  // the buttons of the last template sent to the contact, as WhatsApp would show them under it
  const lastTemplate = [...messages].reverse().find((m) => m.direction === "out" && m.templateName);
  const template =
    lastTemplate?.templateName && lastTemplate.templateLanguage
      ? findTemplate(templates.data, lastTemplate.templateName, lastTemplate.templateLanguage)
      : undefined;
  const buttons = template ? quickReplies(template.components) : [];
  const target = { workspaceSlug: workspace.slug, contactId };

  function sendText(value: string) {
    const trimmed = value.trim();
    if (!trimmed) {
      setError(t("empty"));
      return;
    }
    reply.mutate({ ...target, text: trimmed }, { onSuccess: () => setText("") });
  }

  return (
    <section
      aria-labelledby="composer-title"
      data-testid="reply-composer"
      className="border-t border-slate-200 bg-slate-50 px-4 py-3"
    >
      <h3 id="composer-title" className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
        <FlaskConical aria-hidden className="size-3.5" />
        {t("title")}
      </h3>
      <div className="mt-2 flex flex-wrap gap-2">
        {buttons.map((b) => (
          <Button
            key={b.index}
            size="sm"
            variant="secondary"
            disabled={reply.isPending}
            data-testid="composer-quick-reply"
            onClick={() =>
              reply.mutate({
                ...target,
                button: { text: b.text, payload: b.text },
                contextMessageId: lastTemplate?.id,
              })
            }
          >
            <Reply aria-hidden className="size-3.5 text-sky-600 rtl:-scale-x-100" />
            <span dir="auto">{b.text}</span>
          </Button>
        ))}
        <Button
          size="sm"
          variant="secondary"
          className="text-red-700"
          disabled={reply.isPending}
          data-testid="composer-stop"
          title={t("stopHint")}
          onClick={() => sendText("STOP")}
        >
          <BellOff aria-hidden className="size-3.5" />
          {t("stop")}
        </Button>
      </div>
      <form
        className="mt-2 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          sendText(text);
        }}
      >
        <Input
          aria-label={t("label")}
          placeholder={t("placeholder")}
          dir="auto"
          maxLength={4096}
          value={text}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "composer-error" : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" disabled={reply.isPending} aria-label={t("send")}>
          <SendHorizontal aria-hidden className="size-4 rtl:-scale-x-100" />
          <span className="hidden sm:inline">{t("send")}</span>
        </Button>
      </form>
      {error ? (
        <p id="composer-error" role="alert" className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </section>
  );
}
