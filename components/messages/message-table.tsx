"use client";

import { ArrowDownLeft, ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useWorkspace } from "@/components/shell/workspace-context";
import { FailureReason } from "./failure-reason";
import { MessageStatusBadge } from "./message-status";
import { TemplateChip } from "./template-chip";
import type { MessageListItem } from "./types";

/** One page of the messages log: when, which way, with whom, what, and how it went. */
export function MessageTable({ messages }: { messages: MessageListItem[] }) {
  const t = useTranslations("messageLog.table");
  const format = useFormatter();
  const workspace = useWorkspace();

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="messages-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="w-40 px-4 py-2 text-start font-medium">
              {t("time")}
            </th>
            <th scope="col" className="w-10 px-2 py-2">
              <span className="sr-only">{t("direction")}</span>
            </th>
            <th scope="col" className="w-48 px-4 py-2 text-start font-medium">
              {t("contact")}
            </th>
            <th scope="col" className="px-4 py-2 text-start font-medium">
              {t("message")}
            </th>
            <th scope="col" className="w-72 px-4 py-2 text-start font-medium">
              {t("status")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {messages.map((m) => {
            const outbound = m.direction === "out";
            const Arrow = outbound ? ArrowUpRight : ArrowDownLeft;
            return (
              <tr key={m.id} data-testid={`message-row-${m.id}`} className="align-top hover:bg-slate-50/60">
                <td className="whitespace-nowrap px-4 py-3 text-slate-500">
                  <time dateTime={m.createdAt.toISOString()}>
                    {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </td>
                <td className="px-2 py-3">
                  <span
                    role="img"
                    aria-label={outbound ? t("outbound") : t("inbound")}
                    title={outbound ? t("outbound") : t("inbound")}
                    className={outbound ? "text-brand-600" : "text-slate-500"}
                  >
                    <Arrow aria-hidden className="size-4 rtl:-scale-x-100" />
                  </span>
                </td>
                <td className="px-4 py-3">
                  {m.contactId ? (
                    <Link
                      href={`/w/${workspace.slug}/contacts/${m.contactId}`}
                      className="group block hover:text-brand-700"
                      data-testid="message-contact"
                    >
                      {m.contactName ? (
                        <span dir="auto" className="block truncate font-medium group-hover:underline">
                          {m.contactName}
                        </span>
                      ) : null}
                      <span
                        dir="ltr"
                        className={
                          m.contactName
                            ? "block text-start text-xs text-slate-500"
                            : "block text-start font-medium group-hover:underline"
                        }
                      >
                        {m.contactPhone}
                      </span>
                    </Link>
                  ) : (
                    <span className="text-slate-400">{t("noContact")}</span>
                  )}
                </td>
                <td className="px-4 py-3">
                  {m.templateName ? (
                    <TemplateChip name={m.templateName} language={m.templateLanguage} />
                  ) : null}
                  <p
                    dir="auto"
                    className="mt-0.5 line-clamp-2 whitespace-pre-wrap break-words text-slate-700"
                  >
                    {m.preview || <span className="text-slate-400">{t(`type.${typeKey(m.type)}`)}</span>}
                  </p>
                </td>
                <td className="px-4 py-3">
                  <MessageStatusBadge status={m.status} />
                  {outbound ? <StatusTimeline message={m} /> : null}
                  {m.status === "failed" ? (
                    <FailureReason
                      className="mt-1.5"
                      code={m.errorCode}
                      metaTitle={m.errorTitle}
                      metaDetails={m.errorDetails}
                    />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** When each step happened (seconds matter here: delivery and reading often follow within moments). */
function StatusTimeline({ message: m }: { message: MessageListItem }) {
  const t = useTranslations("messageLog.timeline");
  const format = useFormatter();
  const steps = [
    ["sent", m.sentAt],
    ["delivered", m.deliveredAt],
    ["read", m.readAt],
    ["failed", m.failedAt],
  ] as const;
  const happened = steps.flatMap(([step, at]) => (at ? [{ step, at }] : []));
  if (happened.length === 0) return null;
  return (
    <p data-testid="status-timeline" className="mt-1 text-[11px] text-slate-500">
      {happened.map(({ step, at }, i) => (
        <span key={step}>
          {i > 0 ? " · " : null}
          {t(step, { time: format.dateTime(at, { timeStyle: "medium" }) })}
        </span>
      ))}
    </p>
  );
}

const KNOWN_TYPES = ["image", "video", "audio", "document", "sticker", "location", "contacts", "reaction"];

function typeKey(type: string): string {
  return KNOWN_TYPES.includes(type) ? type : "other";
}
