import { z } from "zod";
import { quickReplies } from "../../whatsapp/template";
import { unexpectedInput } from "../engine-content";
import type { NodeStep, RunReply, StepResult } from "../engine-types";
import { finding } from "../findings";
import { normalizeKeyword, normalizedKeywords } from "../keywords";
import type { FlowNodeOf } from "../schema";
import { findTemplate } from "./template-send";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

/** The longest wait: 23 h 30 min keeps a follow-up inside the 24-hour customer-service window. */
export const MAX_WAIT_MINUTES = 23 * 60 + 30;

export const replyBranchSchema = z.object({
  /** Stable id, also the output handle id. */
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  kind: z.enum(["button", "keywords", "any_text"]).default("button"),
  label: z.string().max(60).default(""),
  /** button: the quick-reply button text (or payload) that selects this branch. */
  button: z.string().max(256).default(""),
  /** keywords: any of these (whole message, case- and diacritics-insensitive) selects this branch. */
  keywords: z.array(z.string().max(60)).max(50).default([]),
});
export type ReplyBranch = z.infer<typeof replyBranchSchema>;

/** Waits for the contact to answer; each branch is an output, plus `timeout`. */
export const waitForReplyConfig = z.object({
  timeout: z
    .object({ amount: z.number().int().min(1).max(10_000), unit: z.enum(["minutes", "hours"]) })
    .default({ amount: 23, unit: "hours" }),
  branches: z.array(replyBranchSchema).max(10).default([]),
});
export type WaitForReplyConfig = z.infer<typeof waitForReplyConfig>;

export const TIMEOUT_HANDLE = "timeout";

export const waitForReplyHandles = (config: WaitForReplyConfig): HandleSpec[] => [
  ...config.branches.map((b) => ({ id: b.id, label: b.label, required: false })),
  { id: TIMEOUT_HANDLE, required: false },
];

export function timeoutMinutes(config: WaitForReplyConfig): number {
  return config.timeout.unit === "hours" ? config.timeout.amount * 60 : config.timeout.amount;
}

/** How a branch is named in messages: its label, else its button, else its id. */
export function branchName(branch: ReplyBranch): string {
  return branch.label.trim() || branch.button.trim() || branch.id;
}

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateWaitForReply(node: FlowNodeOf<"wait-for-reply">, ctx: NodeCheckContext): Finding[] {
  const { config } = node;
  const at = { nodeId: node.id };
  const out: Finding[] = [];
  if (config.branches.length === 0) out.push(finding("wait.branches_missing", at));

  const minutes = timeoutMinutes(config);
  if (minutes > MAX_WAIT_MINUTES) {
    out.push(
      finding("wait.timeout_too_long", at, { hours: Math.floor(minutes / 60), minutes: minutes % 60 }),
    );
  }

  const ids = new Set<string>();
  const buttons = new Set<string>();
  const keywordOwner = new Map<string, number>();
  let anyText = 0;
  const offered = offeredButtons(node, ctx);
  config.branches.forEach((branch, index) => {
    const name = branchName(branch);
    if (branch.id === TIMEOUT_HANDLE) out.push(finding("wait.branch_id_reserved", at, { branch: branch.id }));
    else if (ids.has(branch.id)) out.push(finding("wait.branch_id_duplicate", at, { branch: branch.id }));
    ids.add(branch.id);

    if (branch.kind === "button") {
      const button = branch.button.trim();
      if (button === "") {
        out.push(finding("wait.button_missing", at, { branch: name }));
        return;
      }
      const key = normalizeKeyword(button);
      if (buttons.has(key)) out.push(finding("wait.button_duplicate", at, { button }));
      buttons.add(key);
      if (offered && !offered.keys.has(key)) {
        out.push(
          finding("wait.button_not_in_template", at, {
            button,
            template: offered.template,
            buttons: offered.texts.join(", "),
          }),
        );
      }
    } else if (branch.kind === "keywords") {
      const keywords = normalizedKeywords(branch.keywords);
      if (keywords.length === 0) out.push(finding("wait.keywords_missing", at, { branch: name }));
      for (const keyword of keywords) {
        const owner = keywordOwner.get(keyword);
        if (owner !== undefined && owner !== index) {
          const original = branch.keywords.find((k) => normalizeKeyword(k) === keyword) ?? keyword;
          out.push(finding("wait.keyword_duplicate", at, { keyword: original.trim() }));
        }
        keywordOwner.set(keyword, index);
      }
    } else if (++anyText === 2) {
      out.push(finding("wait.any_text_duplicate", at));
    }
  });
  return out;
}

/**
 * The quick replies the contact can tap when this wait starts: those of the templates sent last before
 * it (on every path), and the payloads mapped for them. Undefined when no such template has quick
 * replies (or without validate()'s graph): then any button text is accepted.
 */
function offeredButtons(
  node: FlowNodeOf<"wait-for-reply">,
  ctx: NodeCheckContext,
): { keys: Set<string>; texts: string[]; template: string } | undefined {
  if (!ctx.graph || !node.config.branches.some((b) => b.kind === "button")) return undefined;
  const keys = new Set<string>();
  const texts: string[] = [];
  const names: string[] = [];
  for (const send of ctx.graph.nearestTemplateSends(node.id)) {
    const { templateName, language, variables } = send.config;
    const template = findTemplate(ctx.templates, templateName.trim(), language.trim());
    if (!template) continue;
    const replies = quickReplies(template.components);
    if (replies.length === 0) continue;
    if (!names.includes(templateName)) names.push(templateName);
    for (const reply of replies) {
      keys.add(normalizeKeyword(reply.text));
      if (!texts.includes(reply.text)) texts.push(reply.text);
      const payload = variables[`payload.${reply.index}`]?.trim();
      if (payload) keys.add(normalizeKeyword(payload));
    }
  }
  return keys.size > 0 ? { keys, texts, template: names.join(", ") } : undefined;
}

/** Surrounding punctuation, symbols and emoji: "Yes!", "«نعم»" and "ok 👍" still match "yes", "نعم", "ok". */
const SURROUNDING = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

/**
 * The branch a reply chooses, or undefined. In order of precedence:
 * 1. a tapped button whose payload / id equals a button branch's button (taps are unambiguous);
 * 2. the first branch, in the order drawn, whose button text or one of whose keywords equals the whole
 *    message (tapped or typed: typing "Confirm" means the same as tapping it), compared with
 *    normalizeKeyword, also once surrounding punctuation and emoji are stripped;
 * 3. the "any text" branch, wherever it is drawn, for any reply with some text (a caption counts).
 * A reply with no text (a sticker, a photo without caption) matches only by its button id.
 */
export function matchReplyBranch(
  branches: readonly ReplyBranch[],
  reply: Pick<RunReply, "text" | "buttonId">,
): ReplyBranch | undefined {
  const buttons = branches.filter((b) => b.kind === "button" && b.button.trim() !== "");
  const buttonId = reply.buttonId?.trim() ? normalizeKeyword(reply.buttonId) : undefined;
  if (buttonId !== undefined) {
    const tapped = buttons.find((b) => normalizeKeyword(b.button) === buttonId);
    if (tapped) return tapped;
  }
  const text = reply.text ?? "";
  if (text.trim() === "") return undefined;
  const forms = new Set([normalizeKeyword(text), normalizeKeyword(text.replace(SURROUNDING, ""))]);
  forms.delete("");
  const matches = (candidate: string) => forms.has(normalizeKeyword(candidate));
  const chosen = branches.find((b) =>
    b.kind === "button"
      ? b.button.trim() !== "" && matches(b.button)
      : b.kind === "keywords" && b.keywords.some(matches),
  );
  return chosen ?? branches.find((b) => b.kind === "any_text");
}

/** The step key suffix of the n-th wait resumed after replies that matched no branch. */
export const againSuffix = (n: number) => `again-${n}`;

/**
 * Waits for a reply until the timeout. A reply that matches no branch is not an answer: the run keeps
 * waiting until the same deadline (a further wait effect with its own step key, `again-<n>`), and the
 * reply does not become `{{reply.…}}`. A matching reply leaves through its branch and becomes
 * `{{reply.…}}`; the deadline leaves through `timeout`.
 */
export const waitForReplyStep: NodeStep<"wait-for-reply"> = {
  enter(node, ctx): StepResult {
    const timeoutMs = timeoutMinutes(node.config) * 60_000;
    const until = ctx.now + timeoutMs;
    return { type: "effect", effect: { type: "wait_for_reply", timeoutMs, untilMs: until }, until };
  },
  resume(node, input, ctx): StepResult {
    if (input.type === "timeout") return { type: "continue", handle: TIMEOUT_HANDLE };
    if (input.type !== "reply") return unexpectedInput(input);
    const branch = matchReplyBranch(node.config.branches, input.reply);
    if (branch) {
      return {
        type: "continue",
        handle: branch.id,
        reply: {
          text: input.reply.text,
          buttonId: input.reply.buttonId,
          type: input.reply.type,
          at: ctx.now,
        },
      };
    }
    const until = ctx.pending.until ?? ctx.now;
    if (until <= ctx.now) return { type: "continue", handle: TIMEOUT_HANDLE };
    return {
      type: "effect",
      suffix: againSuffix(ctx.pending.sequence + 1),
      effect: { type: "wait_for_reply", timeoutMs: until - ctx.now, untilMs: until },
      until,
    };
  },
};
