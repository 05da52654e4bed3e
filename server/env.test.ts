import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildKeyring } from "./crypto";
import { EnvError, loadEnv } from "./env";

const AUTH_SECRET = "an-auth-secret-of-at-least-32-characters";
const TOKEN_ENCRYPTION_KEY = `k1:${crypto.randomBytes(32).toString("base64")}`;
const META_APP_SECRET = "a-meta-app-secret-0123456789";
const WEBHOOK_VERIFY_TOKEN = "a-verify-token";

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raqi-env-test-"));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What loadEnv throws for `source`, checked to be an EnvError. */
function envErrorFor(source: NodeJS.ProcessEnv): EnvError {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    if (error instanceof EnvError) return error;
  }
  throw new Error("loadEnv should have thrown");
}

describe("loadEnv", () => {
  it("rejects a DATABASE_URL that is not a Postgres URL, naming the setting but not echoing its value", () => {
    const error = envErrorFor({
      NODE_ENV: "test",
      RAQI_DATA_DIR: dataDir,
      DATABASE_URL: "mysql://root:hunter2@db/raqi",
    });

    expect(error.message).toContain("DATABASE_URL");
    expect(error.problems.some((p) => p.startsWith("DATABASE_URL:"))).toBe(true);
    expect(error.message).not.toContain("hunter2");
  });

  it("accepts a postgres:// URL, memory:// and an empty DATABASE_URL", () => {
    const base = { NODE_ENV: "test", RAQI_DATA_DIR: dataDir, AUTH_SECRET, TOKEN_ENCRYPTION_KEY } as const;

    expect(loadEnv({ ...base, DATABASE_URL: "postgres://u@localhost:5432/raqi" }).DATABASE_URL).toBe(
      "postgres://u@localhost:5432/raqi",
    );
    expect(loadEnv({ ...base, DATABASE_URL: "memory://" }).DATABASE_URL).toBe("memory://");
    expect(loadEnv({ ...base, DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("refuses to start in production without AUTH_SECRET, naming it, and generates nothing", () => {
    const error = envErrorFor({
      NODE_ENV: "production",
      RAQI_DATA_DIR: dataDir,
      TOKEN_ENCRYPTION_KEY,
      META_APP_SECRET,
      WEBHOOK_VERIFY_TOKEN,
    });

    expect(error.message).toContain("AUTH_SECRET");
    expect(error.problems).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, "secrets.json"))).toBe(false);
  });

  it("refuses to start in production without TOKEN_ENCRYPTION_KEY, naming it", () => {
    const error = envErrorFor({ NODE_ENV: "production", RAQI_DATA_DIR: dataDir, AUTH_SECRET });

    expect(error.message).toContain("TOKEN_ENCRYPTION_KEY");
  });

  it("refuses to start in production without the Meta app secret and webhook verify token, naming both", () => {
    const error = envErrorFor({
      NODE_ENV: "production",
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
    });

    expect(error.problems.map((p) => p.split(":")[0])).toEqual(["META_APP_SECRET", "WEBHOOK_VERIFY_TOKEN"]);
  });

  it("starts in production with every secret set", () => {
    const settings = loadEnv({
      NODE_ENV: "production",
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      META_APP_SECRET,
      WEBHOOK_VERIFY_TOKEN,
    });

    expect(settings).toMatchObject({
      NODE_ENV: "production",
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      META_APP_SECRET,
      WEBHOOK_VERIFY_TOKEN,
      META_GRAPH_URL: "https://graph.facebook.com",
      META_GRAPH_VERSION: "v25.0",
      dataDir,
    });
  });

  it("takes the app's address from its port when APP_URL is unset, and keeps an APP_URL that is set", () => {
    const base = { NODE_ENV: "test" as const, RAQI_DATA_DIR: dataDir, AUTH_SECRET, TOKEN_ENCRYPTION_KEY };
    expect(loadEnv(base).APP_URL).toBe("http://localhost:3000");
    expect(loadEnv({ ...base, PORT: "3300" }).APP_URL).toBe("http://localhost:3300");
    expect(loadEnv({ ...base, PORT: "3300", APP_URL: "https://raqi.example" }).APP_URL).toBe(
      "https://raqi.example",
    );
  });

  it("refuses a Graph API version that is not vNN.N", () => {
    const error = envErrorFor({
      NODE_ENV: "test",
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      META_GRAPH_VERSION: "25",
    });

    expect(error.problems).toEqual(['META_GRAPH_VERSION: a Graph API version such as v25.0 (got "25")']);
  });

  it("keeps the secrets an older version generated and adds the new ones", () => {
    const file = path.join(dataDir, "secrets.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ authSecret: AUTH_SECRET, tokenEncryptionKey: TOKEN_ENCRYPTION_KEY }),
    );

    const settings = loadEnv({ NODE_ENV: "development", RAQI_DATA_DIR: dataDir });

    expect(settings).toMatchObject({ AUTH_SECRET, TOKEN_ENCRYPTION_KEY });
    expect(settings.META_APP_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({
      authSecret: AUTH_SECRET,
      tokenEncryptionKey: TOKEN_ENCRYPTION_KEY,
      metaAppSecret: settings.META_APP_SECRET,
      webhookVerifyToken: settings.WEBHOOK_VERIFY_TOKEN,
    });
  });

  it("generates missing secrets in development into secrets.json, readable by the owner only", () => {
    const settings = loadEnv({ NODE_ENV: "development", RAQI_DATA_DIR: dataDir });

    const file = path.join(dataDir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(settings.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(() => buildKeyring(settings.TOKEN_ENCRYPTION_KEY)).not.toThrow();
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
      authSecret: settings.AUTH_SECRET,
      tokenEncryptionKey: settings.TOKEN_ENCRYPTION_KEY,
      metaAppSecret: settings.META_APP_SECRET,
      webhookVerifyToken: settings.WEBHOOK_VERIFY_TOKEN,
    });
  });

  it("returns the same generated secrets on a second start", () => {
    const first = loadEnv({ NODE_ENV: "development", RAQI_DATA_DIR: dataDir });
    const second = loadEnv({ NODE_ENV: "development", RAQI_DATA_DIR: dataDir });

    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.TOKEN_ENCRYPTION_KEY).toBe(first.TOKEN_ENCRYPTION_KEY);
  });

  it("prefers secrets given in the environment over generated ones", () => {
    const settings = loadEnv({
      NODE_ENV: "development",
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      META_APP_SECRET,
      WEBHOOK_VERIFY_TOKEN,
    });

    expect(settings).toMatchObject({
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      META_APP_SECRET,
      WEBHOOK_VERIFY_TOKEN,
    });
    expect(fs.existsSync(path.join(dataDir, "secrets.json"))).toBe(false);
  });

  it("rejects an OAuth provider with only one of its id and secret set", () => {
    const base = { NODE_ENV: "test", RAQI_DATA_DIR: dataDir, AUTH_SECRET, TOKEN_ENCRYPTION_KEY } as const;

    expect(envErrorFor({ ...base, AUTH_GITHUB_ID: "gh-id" }).message).toContain(
      "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET",
    );
    expect(envErrorFor({ ...base, AUTH_GOOGLE_SECRET: "google-secret" }).message).toContain(
      "AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET",
    );
  });

  it("enables an OAuth provider when both its id and secret are set", () => {
    const settings = loadEnv({
      NODE_ENV: "test",
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      AUTH_GITHUB_ID: "gh-id",
      AUTH_GITHUB_SECRET: "gh-secret",
    });

    expect(settings).toMatchObject({ githubAuth: true, googleAuth: false });
  });

  it("rejects a TOKEN_ENCRYPTION_KEY that is not a base64 32-byte key", () => {
    const error = envErrorFor({
      NODE_ENV: "test",
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY: "k1:too-short",
    });

    expect(error.message).toContain("TOKEN_ENCRYPTION_KEY");
    expect(error.message).not.toContain("too-short");
  });
  it("seeds sample templates by default everywhere but production", () => {
    const secrets = {
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      META_APP_SECRET,
      WEBHOOK_VERIFY_TOKEN,
    } as const;

    expect(loadEnv({ ...secrets, NODE_ENV: "development" }).SEED_SAMPLE_TEMPLATES).toBe(true);
    expect(loadEnv({ ...secrets, NODE_ENV: "test" }).SEED_SAMPLE_TEMPLATES).toBe(true);
    expect(loadEnv({ ...secrets, NODE_ENV: "production" }).SEED_SAMPLE_TEMPLATES).toBe(false);
  });

  it("reads SEED_SAMPLE_TEMPLATES as true or false, and refuses anything else", () => {
    const secrets = {
      RAQI_DATA_DIR: dataDir,
      AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY,
      META_APP_SECRET,
      WEBHOOK_VERIFY_TOKEN,
    } as const;

    expect(
      loadEnv({ ...secrets, NODE_ENV: "production", SEED_SAMPLE_TEMPLATES: "true" }).SEED_SAMPLE_TEMPLATES,
    ).toBe(true);
    expect(
      loadEnv({ ...secrets, NODE_ENV: "development", SEED_SAMPLE_TEMPLATES: "false" }).SEED_SAMPLE_TEMPLATES,
    ).toBe(false);
    expect(envErrorFor({ ...secrets, NODE_ENV: "test", SEED_SAMPLE_TEMPLATES: "yes" }).problems).toEqual([
      'SEED_SAMPLE_TEMPLATES: either "true" or "false" (got "yes")',
    ]);
  });
});
