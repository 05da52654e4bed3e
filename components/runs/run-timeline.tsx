"use client";

import { ArrowDownLeft, CircleDot, GitBranch } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { handleLabel, nodeTitle } from "@/components/builder/describe";
import { NODE_LOOKS } from "@/components/builder/node-meta";
import { FailureReason } from "@/components/messages/failure-reason";
import { MessageStatusBadge, StatusTicks } from "@/components/messages/message-status";
import { TemplateChip } from "@/components/messages/template-chip";
import type { FlowDocument, FlowNode, NodeType } from "@/lib/flow/schema";
import { cn } from "@/lib/ui/cn";
import { RunFailure } from "./run-failure";
import { useDurationText } from "./run-text";
import type { RunDetail, RunMessage, RunReply, RunStep } from "./types";

const STEP_TONE: Record<RunStep["status"], string> = {
  running: "bg-sky-50 text-sky-800 ring-sky-200",
  waiting: "bg-sky-50 text-sky-800 ring-sky-200",
  completed: "bg-brand-50 text-brand-700 ring-brand-100",
  failed: "bg-red-50 text-red-700 ring-red-200",
  skipped: "bg-slate-100 text-slate-600 ring-slate-200",
};

const DOT_TONE: Record<RunStep["status"], string> = {
  running: "border-sky-400 bg-white",
  waiting: "border-sky-400 bg-white",
  completed: "border-brand-500 bg-brand-500",
  failed: "border-red-500 bg-red-500",
  skipped: "border-slate-300 bg-slate-200",
};

function isNodeType(type: string): type is NodeType {
  return type in NODE_LOOKS;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The messages a step sent: the one its detail names, and any further ones of the same visit. */
function messagesOf(step: RunStep, messages: readonly RunMessage[]): RunMessage[] {
  const named = text(step.detail.messageId);
  return messages
    .filter(
      (m) =>
        m.id === named ||
        (m.stepKey !== null && (m.stepKey === step.stepKey || m.stepKey.startsWith(`${step.stepKey}:`))),
    )
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * The run's path, top to bottom: each node it passed, with the branch it took, what it sent and how that
 * went, the reply that moved it on, and in plain words why it failed. Labels come from the flow version
 * the run is pinned to; without it, the node's id and type stand in.
 */
export function RunTimeline({ detail, document }: { detail: RunDetail; document?: FlowDocument }) {
  const t = useTranslations("runs.detail.timeline");
  const nodes = new Map(document?.nodes.map((n) => [n.id, n]));
  if (detail.steps.length === 0) {
    return (
      <p className="px-5 py-8 text-center text-sm text-slate-500" data-testid="run-no-steps">
        {detail.run.status === "queued" ? t("queued") : t("noSteps")}
      </p>
    );
  }
  return (
    <ol className="px-5 py-4" data-testid="run-timeline" aria-label={t("label")}>
      {detail.steps.map((step, index) => (
        <StepItem
          key={step.id}
          step={step}
          node={nodes.get(step.nodeId)}
          last={index === detail.steps.length - 1}
          messages={messagesOf(step, detail.messages)}
          reply={detail.replies.find((r) => r.id === text(step.detail.replyMessageId))}
        />
      ))}
    </ol>
  );
}

function StepItem({
  step,
  node,
  last,
  messages,
  reply,
}: {
  step: RunStep;
  node?: FlowNode;
  last: boolean;
  messages: RunMessage[];
  reply?: RunReply;
}) {
  const t = useTranslations("runs.detail.timeline");
  const ts = useTranslations("runs.stepStatus");
  const tb = useTranslations("builder");
  const te = useTranslations("errors");
  const format = useFormatter();
  const duration = useDurationText();
  const type = isNodeType(step.nodeType) ? step.nodeType : null;
  const look = type ? NODE_LOOKS[type] : null;
  const Icon = look?.icon ?? CircleDot;
  const title = node ? nodeTitle(tb, node) : type ? tb(`nodes.${type}.title`) : step.nodeType;
  // "next" is the only way on, and "sent" is said by the message's own status: neither needs a line
  const branch =
    step.handle && step.handle !== "next" && step.handle !== "sent"
      ? node
        ? handleLabel(tb, node, step.handle)
        : step.handle
      : null;
  const length = step.endedAt ? step.endedAt.getTime() - step.startedAt.getTime() : null;
  const notice = text(step.detail.notice);
  const refused = text(step.detail.refused);

  return (
    <li
      className="relative flex gap-3 pb-5 last:pb-0"
      data-testid="run-step"
      data-node-id={step.nodeId}
      data-status={step.status}
    >
      {/* the line that joins this step to the next */}
      {last ? null : (
        <span aria-hidden className="absolute start-[1.1rem] top-10 bottom-0 w-px bg-slate-200" />
      )}
      <span
        className={cn(
          "relative flex size-9 shrink-0 items-center justify-center rounded-lg",
          look?.tile ?? "bg-slate-100 text-slate-600",
        )}
      >
        <Icon aria-hidden className="size-4" />
        <span
          aria-hidden
          className={cn("absolute -bottom-0.5 -end-0.5 size-3 rounded-full border-2", DOT_TONE[step.status])}
        />
      </span>
      <div className="min-w-0 flex-1 pt-0.5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <h3 className="text-sm font-semibold text-slate-900" dir="auto" data-testid="step-title">
            {title}
          </h3>
          {node ? null : (
            <span className="font-mono text-[11px] text-slate-500" dir="ltr">
              {step.nodeId}
            </span>
          )}
          <span
            data-testid="step-status"
            className={cn(
              "inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ring-inset",
              STEP_TONE[step.status],
            )}
          >
            {step.status === "waiting" && step.nodeType === "wait-for-reply"
              ? ts("waitingReply")
              : ts(step.status)}
          </span>
          {step.visit > 1 ? (
            <span className="text-[11px] text-slate-500">{t("visit", { n: step.visit })}</span>
          ) : null}
        </div>
        <p className="mt-0.5 text-xs text-slate-500">
          <time dateTime={step.startedAt.toISOString()}>
            {format.dateTime(step.startedAt, { dateStyle: "medium", timeStyle: "medium" })}
          </time>
          {length !== null ? ` · ${t("took", { duration: duration(length) })}` : null}
        </p>

        {messages.map((m) => (
          <SentMessage key={m.id} message={m} />
        ))}
        {reply ? (
          <div
            data-testid="step-reply"
            className="mt-2 flex max-w-md items-start gap-1.5 rounded-lg bg-white px-2.5 py-1.5 text-sm shadow-xs ring-1 ring-slate-200"
          >
            <ArrowDownLeft aria-hidden className="mt-0.5 size-3.5 shrink-0 text-slate-500 rtl:-scale-x-100" />
            <span className="sr-only">{t("reply")}</span>
            <span dir="auto" className="whitespace-pre-wrap break-words">
              {reply.preview || t(`replyType`, { type: reply.type })}
            </span>
          </div>
        ) : null}
        {branch ? (
          <p className="mt-2 flex items-center gap-1 text-xs text-slate-600" data-testid="step-branch">
            <GitBranch aria-hidden className="size-3.5 text-slate-400" />
            {t.rich("branch", {
              branch,
              b: (chunks) => <bdi className="font-medium text-slate-800">{chunks}</bdi>,
            })}
          </p>
        ) : null}
        {notice ? (
          <p className="mt-2 text-xs text-amber-800" data-testid="step-notice">
            {t.has(`notices.${notice}`) ? t(`notices.${notice}`) : notice}
          </p>
        ) : null}
        {step.error ? (
          <RunFailure
            className="mt-2"
            code={step.error.code}
            message={step.error.message}
            params={step.error.params}
          />
        ) : refused && messages.length === 0 ? (
          <p className="mt-2 text-xs font-medium text-red-700" data-testid="step-refused">
            {te.has(`reason.${refused}`) ? te(`reason.${refused}`) : refused}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** A message the step sent, as a small bubble with its ticks, and what went wrong when it failed. */
function SentMessage({ message: m }: { message: RunMessage }) {
  const t = useTranslations("runs.detail.timeline");
  const format = useFormatter();
  const at = m.readAt ?? m.deliveredAt ?? m.sentAt ?? m.failedAt ?? m.createdAt;
  return (
    <div data-testid="step-message" data-status={m.status} className="mt-2 max-w-md">
      <div
        className={cn(
          "rounded-lg rounded-se-none bg-[#d9fdd3] px-2.5 py-1.5 text-sm text-slate-900 shadow-xs",
          m.status === "failed" && "ring-1 ring-red-300",
        )}
      >
        {m.templateName ? <TemplateChip name={m.templateName} /> : null}
        <p dir="auto" className="mt-0.5 whitespace-pre-wrap break-words">
          {m.preview || <span className="text-slate-500">{t("noPreview")}</span>}
        </p>
        <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-slate-500">
          <time dateTime={at.toISOString()}>{format.dateTime(at, { timeStyle: "short" })}</time>
          <StatusTicks status={m.status} />
        </p>
      </div>
      <div className="mt-1">
        <MessageStatusBadge status={m.status} />
      </div>
      {m.status === "failed" ? (
        <FailureReason
          className="mt-1.5"
          code={m.errorCode}
          metaTitle={m.errorTitle}
          metaDetails={m.errorDetails}
        />
      ) : null}
    </div>
  );
}
