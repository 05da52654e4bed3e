import fs from "node:fs";
import path from "node:path";
import type { TemplateCategory, TemplateComponent, TemplateStatus } from "../../../lib/whatsapp/template";
import type { SentMessage } from "./types";

/** What the sandbox remembers: Meta's side of every provisioned account. Persisted when a file is given. */

export interface AccountRecord {
  businessId: string;
  wabaId: string;
  businessName: string;
  /** The app receives this WABA's webhooks (POST /{waba}/subscribed_apps). */
  subscribed: boolean;
}

export interface PhoneRecord {
  id: string;
  wabaId: string;
  /** As Meta lists it: "+1 555-010-0001". */
  displayPhoneNumber: string;
  /** As webhooks carry it in metadata.display_phone_number: "15550100001". */
  digits: string;
  verifiedName: string;
  throughputPerSecond: number;
  /** The two-step verification PIN set by the first /register. */
  pin?: string;
}

export interface TokenRecord {
  token: string;
  wabaIds: string[];
  userId: string;
  type: "SYSTEM_USER" | "USER";
  issuedAt: number;
}

export interface TemplateRecord {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  status: TemplateStatus;
  category: TemplateCategory;
  parameterFormat: "positional" | "named";
  components: TemplateComponent[];
  /** Set on REJECTED / PAUSED / DISABLED: the reason Meta gave. */
  reason?: string;
}

export interface InboundRecord {
  wamid: string;
  phoneNumberId: string;
  from: string;
  at: number;
}

interface PersistedState {
  version: 1;
  accounts: AccountRecord[];
  phones: PhoneRecord[];
  tokens: TokenRecord[];
  templates: TemplateRecord[];
  sent: SentMessage[];
  inbound: InboundRecord[];
  lastInboundAt: [string, number][];
  marketingStopped: string[];
  nextPhoneSerial: number;
}

/** Only the most recent messages are written to disk: the file must stay small enough to rewrite often. */
const PERSISTED_MESSAGES = 5_000;
const WRITE_DEBOUNCE_MS = 1_000;

/** A conversation between a business phone number and a WhatsApp user. */
export function pairKey(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${waId}`;
}

export class SandboxStore {
  readonly accounts = new Map<string, AccountRecord>();
  readonly phones = new Map<string, PhoneRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  templates: TemplateRecord[] = [];
  readonly sent: SentMessage[] = [];
  readonly sentById = new Map<string, SentMessage>();
  readonly inbound = new Map<string, InboundRecord>();
  /** Opens the 24-hour customer-service window, by pairKey. */
  readonly lastInboundAt = new Map<string, number>();
  /** Users who stopped marketing messages from a phone number, by pairKey. */
  readonly marketingStopped = new Set<string>();
  nextPhoneSerial = 1;
  private writeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly file?: string) {
    if (file && fs.existsSync(file)) this.load(file);
  }

  addSent(message: SentMessage): void {
    this.sent.push(message);
    this.sentById.set(message.wamid, message);
    this.changed();
  }

  templatesOf(wabaId: string): TemplateRecord[] {
    return this.templates.filter((t) => t.wabaId === wabaId);
  }

  /** Schedules a write of the file (debounced); a no-op without one. */
  changed(): void {
    if (!this.file || this.writeTimer) return;
    this.writeTimer = setTimeout(() => this.flush(), WRITE_DEBOUNCE_MS);
    this.writeTimer.unref();
  }

  flush(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    if (!this.file) return;
    const state: PersistedState = {
      version: 1,
      accounts: [...this.accounts.values()],
      phones: [...this.phones.values()],
      tokens: [...this.tokens.values()],
      templates: this.templates,
      sent: this.sent.slice(-PERSISTED_MESSAGES),
      inbound: [...this.inbound.values()].slice(-PERSISTED_MESSAGES),
      lastInboundAt: [...this.lastInboundAt.entries()],
      marketingStopped: [...this.marketingStopped],
      nextPhoneSerial: this.nextPhoneSerial,
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a file.
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }

  private load(file: string): void {
    const state = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<PersistedState>;
    if (state.version !== 1)
      throw new Error(`${file} is not a sandbox state file (version ${String(state.version)})`);
    for (const a of state.accounts ?? []) this.accounts.set(a.wabaId, a);
    for (const p of state.phones ?? []) this.phones.set(p.id, p);
    for (const t of state.tokens ?? []) this.tokens.set(t.token, t);
    this.templates = state.templates ?? [];
    for (const m of state.sent ?? []) {
      this.sent.push(m);
      this.sentById.set(m.wamid, m);
    }
    for (const m of state.inbound ?? []) this.inbound.set(m.wamid, m);
    for (const [key, at] of state.lastInboundAt ?? []) this.lastInboundAt.set(key, at);
    for (const key of state.marketingStopped ?? []) this.marketingStopped.add(key);
    this.nextPhoneSerial = state.nextPhoneSerial ?? 1;
  }
}
