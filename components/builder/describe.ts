import type { useTranslations } from "next-intl";
import { UNARY_OPERATORS, type ConditionRule } from "@/lib/flow/condition";
import { handlesOf } from "@/lib/flow/nodes";
import type { ReplyBranch } from "@/lib/flow/nodes/wait-for-reply";
import type { NodeConfigOf, NodeType } from "@/lib/flow/schema";

/** The `builder` namespace translator. */
export type BuilderT = ReturnType<typeof useTranslations<"builder">>;

/**
 * Wraps user text (names, paths, button labels) in a Unicode bidi isolate, so an English label inside an
 * Arabic sentence (or the reverse) keeps its place instead of reordering its neighbours.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

export interface Described {
  text: string;
  /** The node still needs configuring: its summary is a hint, shown muted. */
  incomplete: boolean;
}

export function durationText(t: BuilderT, amount: number, unit: "minutes" | "hours" | "days"): string {
  return t(`units.${unit}Short`, { n: amount });
}

export function minutesText(t: BuilderT, minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return durationText(t, minutes / 1440, "days");
  if (minutes >= 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0
      ? durationText(t, h, "hours")
      : `${durationText(t, h, "hours")} ${durationText(t, m, "minutes")}`;
  }
  return durationText(t, minutes, "minutes");
}

export function branchLabel(t: BuilderT, branch: ReplyBranch, index: number): string {
  const label = branch.label.trim();
  if (label) return label;
  if (branch.kind === "button" && branch.button.trim()) return branch.button.trim();
  if (branch.kind === "keywords" && branch.keywords[0]) return branch.keywords.slice(0, 2).join(", ");
  if (branch.kind === "any_text") return t("branchKinds.any_text");
  return t("handles.branch", { n: index + 1 });
}

/** The label of an output handle on the canvas and on its edge; `next` has none. */
export function handleLabel(
  t: BuilderT,
  node: { type: NodeType; config: unknown },
  handleId: string,
): string {
  switch (handleId) {
    case "next":
      return "";
    case "true":
    case "false":
    case "sent":
    case "failed":
    case "timeout":
      return t(`handles.${handleId}`);
  }
  if (node.type === "wait-for-reply") {
    const branches = (node.config as NodeConfigOf<"wait-for-reply">).branches;
    const index = branches.findIndex((b) => b.id === handleId);
    const branch = branches[index];
    if (branch) return branchLabel(t, branch, index);
  }
  return handleId;
}

export function nodeHandles(t: BuilderT, node: { type: NodeType; config: unknown }) {
  return handlesOf(node).map((h) => ({ id: h.id, label: handleLabel(t, node, h.id) }));
}

export function ruleText(t: BuilderT, rule: ConditionRule): string {
  const op = t(`operators.${rule.op}`);
  const path = isolate(rule.path || "…");
  if (UNARY_OPERATORS.has(rule.op)) return `${path} ${op}`;
  const value = isolate(rule.op === "in" ? `[${rule.values.join(", ")}]` : `“${rule.value}”`);
  return `${path} ${op} ${value}`;
}

function rulesText(t: BuilderT, rules: ConditionRule[], match: "all" | "any"): string {
  const shown = rules.slice(0, 2).map((r) => ruleText(t, r));
  const more = rules.length > 2 ? ` ${t("summary.more", { n: rules.length - 2 })}` : "";
  return (
    t(`summary.condition.${match}`, { rules: shown.join(match === "all" ? " · " : ` ${t("summary.or")} `) }) +
    more
  );
}

type Describer<T extends NodeType> = (t: BuilderT, config: NodeConfigOf<T>) => Described;

const describers: { [T in NodeType]: Describer<T> } = {
  trigger: (t, c) => {
    switch (c.kind) {
      case "event": {
        if (!c.eventName.trim()) return { text: t("summary.trigger.eventMissing"), incomplete: true };
        const filters = c.filter.length ? ` · ${t("summary.trigger.filters", { n: c.filter.length })}` : "";
        return {
          text: t("summary.trigger.event", { name: isolate(c.eventName) }) + filters,
          incomplete: false,
        };
      }
      case "keyword":
        return c.keywords.length
          ? {
              text: t("summary.trigger.keyword", { keywords: isolate(c.keywords.join(", ")) }),
              incomplete: false,
            }
          : { text: t("summary.trigger.keywordMissing"), incomplete: true };
      case "webhook":
        return { text: t("summary.trigger.webhook"), incomplete: false };
      case "manual":
        return { text: t("summary.trigger.manual"), incomplete: false };
    }
  },
  condition: (t, c) =>
    c.rules.length
      ? { text: rulesText(t, c.rules, c.match), incomplete: false }
      : { text: t("summary.condition.empty"), incomplete: true },
  "template-send": (t, c) =>
    c.templateName
      ? {
          text: t("summary.templateSend.send", {
            name: isolate(c.templateName),
            language: isolate(c.language || "?"),
          }),
          incomplete: false,
        }
      : { text: t("summary.templateSend.empty"), incomplete: true },
  "wait-for-reply": (t, c) => {
    const parts = [
      ...c.branches.map((b, i) => isolate(branchLabel(t, b, i))),
      t("handles.timeout").toLowerCase(),
    ];
    const limit = c.timeout.unit === "hours" ? c.timeout.amount * 60 : c.timeout.amount;
    return {
      text: t("summary.wait", { duration: minutesText(t, limit), branches: parts.join(" · ") }),
      incomplete: c.branches.length === 0,
    };
  },
  "opt-out": (t, c) => {
    const extras = [
      c.confirmationText.trim() ? t("summary.optOut.confirms") : "",
      c.notifyWorkspace ? t("summary.optOut.notifies") : "",
    ].filter(Boolean);
    return {
      text: [t(`summary.optOut.${c.scope}`), ...extras].join(" · "),
      incomplete: false,
    };
  },
  delay: (t, c) => {
    if (c.mode === "duration") {
      return {
        text: t("summary.delay.duration", { duration: durationText(t, c.duration.amount, c.duration.unit) }),
        incomplete: false,
      };
    }
    if (!c.untilPath.trim()) return { text: t("summary.delay.untilMissing"), incomplete: true };
    return {
      text:
        c.offsetMinutes > 0
          ? t("summary.delay.untilBefore", {
              path: isolate(c.untilPath),
              offset: minutesText(t, c.offsetMinutes),
            })
          : t("summary.delay.until", { path: isolate(c.untilPath) }),
      incomplete: false,
    };
  },
  "send-text": (t, c) => {
    const text = c.text.trim();
    if (!text) return { text: t("summary.sendText.empty"), incomplete: true };
    return { text: `“${text.length > 90 ? `${text.slice(0, 90)}…` : text}”`, incomplete: false };
  },
};

export function describeNode(t: BuilderT, node: { type: NodeType; config: unknown }): Described {
  const describe = describers[node.type] as Describer<NodeType>;
  return describe(t, node.config as NodeConfigOf<NodeType>);
}

export function nodeTitle(t: BuilderT, node: { type: NodeType; label?: string }): string {
  return node.label?.trim() || t(`nodes.${node.type}.title`);
}
