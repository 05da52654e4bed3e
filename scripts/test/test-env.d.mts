export declare const TEST_AUTH_SECRET: string;
export declare const TEST_TOKEN_ENCRYPTION_KEY: string;
export declare const TEST_META_APP_SECRET: string;
export declare const TEST_WEBHOOK_VERIFY_TOKEN: string;
export declare const E2E_PORT: number;
export declare const E2E_BASE_URL: string;
export declare const DEFAULT_TEST_PG_URL: string;
export declare function testPgUrl(env?: NodeJS.ProcessEnv): string;
export declare function e2eServerEnv(dataDir: string): {
  NODE_ENV: "production";
  RAQI_DATA_DIR: string;
  AUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  META_APP_SECRET: string;
  WEBHOOK_VERIFY_TOKEN: string;
  APP_URL: string;
  LOG_LEVEL: string;
  SEED_SAMPLE_TEMPLATES: string;
};
