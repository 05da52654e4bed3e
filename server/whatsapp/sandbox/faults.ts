import { isFaultKind, type FaultKind, type FaultRule } from "./types";

/** Faults that hit any Graph request, before authentication. */
const REQUEST_FAULTS: ReadonlySet<FaultKind> = new Set(["http_429", "server_500", "timeout", "token_190"]);

/** Whether a fault applies to every request or only to an otherwise valid send. */
export function faultPhase(kind: FaultKind): "request" | "send" {
  return REQUEST_FAULTS.has(kind) ? "request" : "send";
}

export interface FaultTarget {
  path: string;
  phoneNumberId?: string;
  /** The recipient's wa_id, on sends only. */
  to?: string;
}

const digits = (phone: string) => phone.replace(/\D/g, "");

/** The injected faults: rules in the order they were added, the first matching one wins. */
export class FaultBook {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    if (!isFaultKind(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`);
    if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1))
      throw new Error("fault probability must be between 0 and 1");
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0))
      throw new Error("fault times must be a positive whole number");
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  /** The fault to inject into this request in this phase, if any; consumes one of its `times`. */
  take(phase: "request" | "send", target: FaultTarget): FaultKind | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (faultPhase(rule.kind) !== phase || !matches(rule, target)) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.rules = this.rules.filter((r) => r !== entry);
      return rule.kind;
    }
    return undefined;
  }
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  const match = rule.match;
  if (!match) return true;
  if (match.path !== undefined && !target.path.includes(match.path)) return false;
  if (match.phoneNumberId !== undefined && match.phoneNumberId !== target.phoneNumberId) return false;
  if (match.to !== undefined && (target.to === undefined || digits(match.to) !== target.to)) return false;
  return true;
}
