// Setup file shared by the "unit" and "integration" vitest projects; runs in each worker before every test file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import {
  TEST_AUTH_SECRET,
  TEST_META_APP_SECRET,
  TEST_TOKEN_ENCRYPTION_KEY,
  TEST_WEBHOOK_VERIFY_TOKEN,
} from "./test-env.mjs";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raqi-test-data-"));

// Object.assign: Next's types declare process.env.NODE_ENV read-only.
Object.assign(process.env, {
  NODE_ENV: "test",
  AUTH_SECRET: TEST_AUTH_SECRET,
  TOKEN_ENCRYPTION_KEY: TEST_TOKEN_ENCRYPTION_KEY,
  META_APP_SECRET: TEST_META_APP_SECRET,
  WEBHOOK_VERIFY_TOKEN: TEST_WEBHOOK_VERIFY_TOKEN,
  RAQI_DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
});

const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
// Registered first, so it runs after the test file's own afterAll hooks (and after setup-integration's).
afterAll(removeDataDir);
// A file that fails to load never runs afterAll: clean up when the worker exits too.
process.once("exit", removeDataDir);
