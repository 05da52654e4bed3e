// Fixed, non-secret values shared by the test modes (vitest setup files, playwright.config.ts, scripts/test.mjs).
// Plain ESM so that node scripts can import it without a TypeScript loader; types in test-env.d.mts.

/** 32+ characters, as the app requires. Never used outside tests. */
export const TEST_AUTH_SECRET = "raqi-test-auth-secret-not-for-production-0123456789";

/** "k1:" + base64 of 32 bytes (bytes 0..31). Never used outside tests. */
export const TEST_TOKEN_ENCRYPTION_KEY =
  "k1:" + Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString("base64");

/** Meta app secret and webhook verify token of the tests (the sandbox signs with the same secret). */
export const TEST_META_APP_SECRET = "raqi-test-meta-app-secret-0123456789";
export const TEST_WEBHOOK_VERIFY_TOKEN = "raqi-test-verify-token";

export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
/** The e2e server's local Inngest executor: not 8288, so a running `npm run dev` does not collide. */
export const E2E_INNGEST_PORT = 8298;

/** Admin connection used to create and drop the throwaway test databases. */
export const DEFAULT_TEST_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export function testPgUrl(env = process.env) {
  return env.RAQI_TEST_PG_URL || DEFAULT_TEST_PG_URL;
}

/**
 * Environment for the production server the e2e tests run against (and for the build that precedes it).
 * DATABASE_URL is deliberately absent: the server uses embedded PGlite in `dataDir`.
 */
export function e2eServerEnv(dataDir) {
  return {
    NODE_ENV: "production",
    RAQI_DATA_DIR: dataDir,
    AUTH_SECRET: TEST_AUTH_SECRET,
    TOKEN_ENCRYPTION_KEY: TEST_TOKEN_ENCRYPTION_KEY,
    META_APP_SECRET: TEST_META_APP_SECRET,
    WEBHOOK_VERIFY_TOKEN: TEST_WEBHOOK_VERIFY_TOKEN,
    APP_URL: E2E_BASE_URL,
    INNGEST_LOCAL_PORT: String(E2E_INNGEST_PORT),
    LOG_LEVEL: "warn",
    SEED_SAMPLE_TEMPLATES: "true",
  };
}
