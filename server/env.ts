import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { resolveDataDir } from "@/db/data-dir";

/**
 * Every setting Raqi reads, in one schema. README's settings table mirrors this file.
 * Secrets absent in development are generated once into the data folder; production must set them.
 */
const keySpec = z
  .string()
  .regex(
    /^([a-z0-9_-]{1,16}:)?[A-Za-z0-9+/]{43}=$/i,
    "a base64 32-byte key, optionally prefixed by a key id (k2:…)",
  );

const optionalUrl = (what: string) =>
  z
    .string()
    .url(what)
    .optional()
    .or(z.literal("").transform(() => undefined));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(postgres(ql)?:\/\/.+|memory:\/\/)$/,
      "a postgres:// or postgresql:// URL (leave unset for embedded PGlite)",
    )
    .optional()
    .or(z.literal("").transform(() => undefined)),
  RAQI_DATA_DIR: z.string().optional(),
  APP_URL: z.string().url("a URL such as http://localhost:3000"),
  AUTH_SECRET: z.string().min(32, "at least 32 characters (openssl rand -base64 32)").optional(),
  TOKEN_ENCRYPTION_KEY: keySpec.optional(),
  TOKEN_ENCRYPTION_KEYS_OLD: z
    .string()
    .optional()
    .refine(
      (v) => !v || v.split(",").every((k) => keySpec.safeParse(k.trim()).success),
      "a comma-separated list of id:base64 keys",
    ),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  SMTP_URL: optionalUrl("an smtp:// or smtps:// URL"),
  MAIL_FROM: z.string().default("Raqi <no-reply@localhost>"),
  TRUST_PROXY_HOPS: z.coerce.number().int("a whole number of proxies").min(0).max(10).default(1),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Unset or empty: on everywhere but production (see loadEnv). */
  SEED_SAMPLE_TEMPLATES: z.enum(["true", "false", ""], 'either "true" or "false"').optional(),
  /** Graph API base; the version is its own setting so an upgrade is one line. */
  META_GRAPH_URL: z
    .string()
    .url("a URL such as https://graph.facebook.com")
    .default("https://graph.facebook.com"),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "a Graph API version such as v25.0")
    .default("v25.0"),
  META_APP_ID: z.string().optional(),
  META_APP_SECRET: z.string().min(16, "at least 16 characters (Meta app settings → Basic)").optional(),
  META_CONFIG_ID: z.string().optional(),
  WEBHOOK_VERIFY_TOKEN: z.string().min(8, "at least 8 characters").optional(),
  /** Real Inngest (dev server URL, or 1 for localhost:8288): the local executor then stays off. */
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: optionalUrl("a URL such as http://inngest:8288"),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  /** The local executor's port, when no real Inngest is configured. */
  INNGEST_LOCAL_PORT: z.coerce.number().int().min(1).max(65535).default(8288),
  /** Requests a second each API key may make to the events API (bursts of twice as many). */
  EVENTS_API_RATE_LIMIT: z.coerce
    .number()
    .int("a whole number of requests a second")
    .min(1)
    .max(100_000)
    .default(1_000),
  /** The standalone sandbox (`npm run sandbox`); unset = the sandbox runs inside the app. */
  SANDBOX_GRAPH_URL: optionalUrl("a URL such as http://localhost:8290"),
});

export type Env = Omit<
  z.infer<typeof envSchema>,
  | "AUTH_SECRET"
  | "TOKEN_ENCRYPTION_KEY"
  | "SEED_SAMPLE_TEMPLATES"
  | "META_APP_SECRET"
  | "WEBHOOK_VERIFY_TOKEN"
> & {
  AUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  /** Signs Meta's webhooks (and the sandbox's). */
  META_APP_SECRET: string;
  WEBHOOK_VERIFY_TOKEN: string;
  /** New workspaces get the sample templates of lib/flow/starters.ts, so starter flows validate at once. */
  SEED_SAMPLE_TEMPLATES: boolean;
  dataDir: string;
  /** No real Inngest configured: the app runs its local executor (server/inngest/local). */
  localExecutor: boolean;
  githubAuth: boolean;
  googleAuth: boolean;
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Raqi cannot start: invalid settings\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

interface GeneratedSecrets {
  authSecret: string;
  tokenEncryptionKey: string;
  metaAppSecret: string;
  webhookVerifyToken: string;
}

/** Development only: secrets made once and kept in the data folder (mode 600), never in the repo. */
function loadGeneratedSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  let previous: Partial<GeneratedSecrets> = {};
  try {
    previous = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<GeneratedSecrets>;
    if (
      previous.authSecret &&
      previous.tokenEncryptionKey &&
      previous.metaAppSecret &&
      previous.webhookVerifyToken
    )
      return previous as GeneratedSecrets;
  } catch {
    // absent or unreadable: make new ones below
  }
  // Keep what an older version generated (the encryption key above all), add what is missing.
  const secrets: GeneratedSecrets = {
    authSecret: previous.authSecret ?? crypto.randomBytes(32).toString("base64"),
    tokenEncryptionKey: previous.tokenEncryptionKey ?? `k1:${crypto.randomBytes(32).toString("base64")}`,
    metaAppSecret: previous.metaAppSecret ?? crypto.randomBytes(24).toString("hex"),
    webhookVerifyToken: previous.webhookVerifyToken ?? crypto.randomBytes(12).toString("hex"),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Unset, the app's address is this server's: `next dev -p 3300` (or PORT=3300) means localhost:3300.
  const parsed = envSchema.safeParse(
    source.APP_URL ? source : { ...source, APP_URL: `http://localhost:${source.PORT || 3000}` },
  );
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map(
        (i) => `${i.path.join(".") || "settings"}: ${i.message} (got ${describe(source, i.path)})`,
      ),
    );
  }
  const values = parsed.data;
  const problems: string[] = [];
  const dataDir = resolveDataDir(source);
  const pairs: [string | undefined, string | undefined, string][] = [
    [values.AUTH_GITHUB_ID, values.AUTH_GITHUB_SECRET, "AUTH_GITHUB"],
    [values.AUTH_GOOGLE_ID, values.AUTH_GOOGLE_SECRET, "AUTH_GOOGLE"],
  ];
  for (const [id, secret, name] of pairs) {
    if (Boolean(id) !== Boolean(secret)) problems.push(`${name}_ID and ${name}_SECRET: set both or neither`);
  }
  let authSecret = values.AUTH_SECRET;
  let tokenKey = values.TOKEN_ENCRYPTION_KEY;
  let appSecret = values.META_APP_SECRET;
  let verifyToken = values.WEBHOOK_VERIFY_TOKEN;
  if (values.NODE_ENV === "production") {
    if (!authSecret) problems.push("AUTH_SECRET: required in production (openssl rand -base64 32)");
    if (!tokenKey)
      problems.push("TOKEN_ENCRYPTION_KEY: required in production (k1:$(openssl rand -base64 32))");
    if (!appSecret) problems.push("META_APP_SECRET: required in production (Meta app settings → Basic)");
    if (!verifyToken)
      problems.push("WEBHOOK_VERIFY_TOKEN: required in production (any string you also give Meta)");
  } else if (!authSecret || !tokenKey || !appSecret || !verifyToken) {
    const generated = loadGeneratedSecrets(dataDir);
    authSecret ??= generated.authSecret;
    tokenKey ??= generated.tokenEncryptionKey;
    appSecret ??= generated.metaAppSecret;
    verifyToken ??= generated.webhookVerifyToken;
  }
  if (problems.length > 0 || !authSecret || !tokenKey || !appSecret || !verifyToken)
    throw new EnvError(problems);
  return {
    ...values,
    AUTH_SECRET: authSecret,
    TOKEN_ENCRYPTION_KEY: tokenKey,
    META_APP_SECRET: appSecret,
    WEBHOOK_VERIFY_TOKEN: verifyToken,
    SEED_SAMPLE_TEMPLATES: values.SEED_SAMPLE_TEMPLATES
      ? values.SEED_SAMPLE_TEMPLATES === "true"
      : values.NODE_ENV !== "production",
    dataDir,
    localExecutor: !values.INNGEST_DEV && !values.INNGEST_BASE_URL && !values.INNGEST_SIGNING_KEY,
    githubAuth: Boolean(values.AUTH_GITHUB_ID),
    googleAuth: Boolean(values.AUTH_GOOGLE_ID),
  };
}

function describe(source: NodeJS.ProcessEnv, keyPath: PropertyKey[]): string {
  const key = String(keyPath[0] ?? "");
  const value = source[key];
  if (value === undefined) return "nothing";
  if (/SECRET|KEY|PASSWORD|URL/.test(key)) return "a value that does not fit";
  return JSON.stringify(value);
}

let cached: Env | undefined;

/** The validated settings, read once per process. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
