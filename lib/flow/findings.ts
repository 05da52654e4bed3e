import englishMessages from "../i18n/messages/findings.en.json";
import type { Finding } from "./types";

/**
 * Every finding the validator can report, with its severity. One table: the validator builds findings
 * from it, the UI translates `findings.<code with "." → "_">` (lib/i18n/messages/findings.<locale>.json),
 * and the English text of that file is also the plain `message` the API returns.
 * Publishing requires zero errors; warnings are shown but do not block.
 */
export const FINDING_SEVERITIES = {
  // The flow as a whole
  "flow.empty": "error",
  // A document that bypassed the schema made a rule fail; never thrown at the caller.
  "flow.invalid": "error",
  "flow.no_trigger": "error",
  "flow.extra_trigger": "error",
  "flow.cycle_without_pause": "error",
  "node.duplicate_id": "error",
  // Unreachable steps cannot run, so they cannot misbehave: a warning, not a publish blocker.
  "node.unreachable": "warning",
  "node.required_output_unconnected": "error",
  // Edges
  "edge.duplicate_id": "error",
  "edge.source_missing": "error",
  "edge.target_missing": "error",
  "edge.unknown_handle": "error",
  "edge.handle_taken": "error",
  "edge.into_trigger": "error",
  "edge.self_loop": "error",
  // {{…}} expressions in texts and template variables
  "expression.unclosed": "error",
  "expression.empty": "error",
  "expression.invalid": "error",
  "expression.unknown_root": "error",
  // Rules of condition nodes and event-trigger filters
  "rule.path_missing": "error",
  "rule.path_invalid": "error",
  "rule.unknown_root": "error",
  "rule.value_missing": "error",
  "rule.number_expected": "error",
  "rule.regex_invalid": "error",
  "rule.values_missing": "error",
  // Node types
  "trigger.event_name_missing": "error",
  "trigger.event_name_invalid": "error",
  "trigger.keywords_missing": "error",
  "condition.rules_missing": "error",
  "template.not_chosen": "error",
  "template.not_found": "error",
  "template.language_unavailable": "error",
  "template.not_approved": "error",
  "template.paused": "error",
  "template.disabled": "error",
  "template.variable_unmapped": "error",
  "template.variable_unknown": "warning",
  "template.media_url_invalid": "error",
  "wait.branches_missing": "error",
  "wait.timeout_too_long": "error",
  "wait.branch_id_duplicate": "error",
  "wait.branch_id_reserved": "error",
  "wait.button_missing": "error",
  "wait.button_duplicate": "error",
  "wait.button_not_in_template": "warning",
  "wait.keywords_missing": "error",
  "wait.keyword_duplicate": "error",
  "wait.any_text_duplicate": "error",
  "wait.branches_unconnected": "warning",
  "opt_out.confirmation_too_long": "error",
  "opt_out.send_after_all": "warning",
  // The engine skips a confirmation it may not send; the opt-out itself still happens.
  "opt_out.confirmation_outside_window": "warning",
  "delay.until_path_missing": "error",
  "delay.until_path_invalid": "error",
  "delay.until_unknown_root": "error",
  "delay.too_long": "error",
  "send_text.empty": "error",
  "send_text.too_long": "error",
  "send_text.outside_window": "error",
} as const satisfies Record<string, Finding["severity"]>;

export type FindingCode = keyof typeof FINDING_SEVERITIES;
export const FINDING_CODES = Object.keys(FINDING_SEVERITIES) as FindingCode[];

export type FindingParams = Record<string, string | number>;

/** Where a finding points: a node, an edge, or (neither) the flow as a whole. */
export interface FindingTarget {
  nodeId?: string;
  edgeId?: string;
  relatedNodeIds?: string[];
}

/** The message key of a code under the `findings` area: dots are next-intl's namespace separator. */
export function findingMessageKey(code: string): string {
  return code.replaceAll(".", "_");
}

const english: Record<string, string> = englishMessages;

/** The English message: findings.en.json's text with `{param}` filled (that file uses no plural/select). */
export function englishFindingMessage(code: string, params: FindingParams = {}): string {
  const text = english[findingMessageKey(code)] ?? code;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(FINDING_SEVERITIES, code);
}

export function finding(code: FindingCode, target: FindingTarget = {}, params?: FindingParams): Finding {
  const out: Finding = {
    ...target,
    severity: FINDING_SEVERITIES[code],
    code,
    message: englishFindingMessage(code, params),
  };
  if (params) out.params = params;
  return out;
}

/** How a node is named in messages: its label, else its id. */
export function nodeName(node: { id: string; label?: string | undefined }): string {
  const label = node.label?.trim();
  return label ? label : node.id;
}
