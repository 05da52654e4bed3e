"use client";

import { MessagesSquare, Reply } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { FailureReason } from "@/components/messages/failure-reason";
import { StatusTicks } from "@/components/messages/message-status";
import { TemplateChip } from "@/components/messages/template-chip";
import type { ConversationMessage } from "@/components/messages/types";
import { cn } from "@/lib/ui/cn";

/**
 * The conversation as WhatsApp shows it: the business's messages on the end side, the contact's on the
 * start side (so Arabic mirrors it), each text in its own direction, with ticks, template names, the
 * message a reply answers, and the reason in plain words when a send failed.
 */
export function Conversation({ messages }: { messages: ConversationMessage[] }) {
  const t = useTranslations("contacts.conversation");
  const list = useRef<HTMLOListElement>(null);
  const byId = new Map(messages.map((m) => [m.id, m]));
  const newest = messages.at(-1);

  // follow the newest message, as a chat does (within the list: the page itself stays where it is)
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [newest?.id, newest?.status]);

  if (messages.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 px-6 py-12 text-center text-sm text-slate-500">
        <MessagesSquare aria-hidden className="size-8 text-slate-400" />
        {t("empty")}
      </div>
    );
  }

  return (
    <ol
      ref={list}
      aria-label={t("label")}
      data-testid="conversation"
      className="max-h-[32rem] space-y-2 overflow-y-auto bg-[#efeae2] px-3 py-4 sm:px-5"
    >
      {messages.map((m) => (
        <Bubble
          key={m.id}
          message={m}
          quoted={m.replyToMessageId ? byId.get(m.replyToMessageId) : undefined}
        />
      ))}
    </ol>
  );
}

function Bubble({ message: m, quoted }: { message: ConversationMessage; quoted?: ConversationMessage }) {
  const t = useTranslations("contacts.conversation");
  const format = useFormatter();
  const outbound = m.direction === "out";
  const buttonReply = !outbound && (m.type === "button" || m.type === "interactive");

  return (
    <li
      data-testid="bubble"
      data-direction={m.direction}
      data-status={m.status}
      className={cn("flex", outbound ? "justify-end" : "justify-start")}
    >
      <div className="max-w-[85%] sm:max-w-[70%]">
        <div
          className={cn(
            "rounded-lg px-2.5 py-1.5 text-sm text-slate-900 shadow-xs",
            outbound ? "rounded-se-none bg-[#d9fdd3]" : "rounded-ss-none bg-white",
            m.status === "failed" && "ring-1 ring-red-300",
          )}
        >
          <span className="sr-only">{outbound ? t("fromBusiness") : t("fromContact")}</span>
          {quoted || m.replyToMessageId ? (
            <blockquote
              data-testid="reply-quote"
              className="mb-1 rounded border-s-4 border-brand-600 bg-black/5 px-2 py-1 text-xs text-slate-600"
            >
              <span className="block font-medium text-brand-700">
                {quoted?.direction === "in" ? t("quoteContact") : t("quoteBusiness")}
              </span>
              <span dir="auto" className="line-clamp-2">
                {quoted ? quoted.preview || quoted.templateName : t("quoteMissing")}
              </span>
            </blockquote>
          ) : null}
          {m.templateName ? (
            <div className="mb-1">
              <TemplateChip name={m.templateName} language={m.templateLanguage} />
            </div>
          ) : null}
          {buttonReply ? (
            <span className="mb-0.5 flex items-center gap-1 text-[11px] text-slate-500">
              <Reply aria-hidden className="size-3 rtl:-scale-x-100" />
              {t("buttonReply")}
            </span>
          ) : null}
          <p dir="auto" className="whitespace-pre-wrap break-words">
            {m.preview || <span className="italic text-slate-500">{t("noText", { type: m.type })}</span>}
          </p>
          <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-500">
            <time
              dateTime={m.createdAt.toISOString()}
              title={format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
            >
              {format.dateTime(m.createdAt, { timeStyle: "short" })}
            </time>
            {outbound ? <StatusTicks status={m.status} /> : null}
          </p>
        </div>
        {m.status === "failed" ? (
          <FailureReason
            compact
            className="mt-1 rounded-md bg-white/80 px-2 py-1"
            code={m.errorCode}
            metaTitle={m.errorTitle}
            metaDetails={m.errorDetails}
          />
        ) : null}
      </div>
    </li>
  );
}
