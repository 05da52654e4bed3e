import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const emptyModule = fileURLToPath(new URL("./scripts/test/empty-module.ts", import.meta.url));

const sourceDirs = "{app,components,server,db,lib,scripts}";
const ignored = ["**/node_modules/**", "**/.next/**", "e2e/**", "test-results/**", "playwright-report/**"];

// Shared by both projects (each project extends this root config).
const resolve = {
  alias: [
    { find: /^@\//, replacement: `${root}/` },
    { find: /^server-only$/, replacement: emptyModule },
  ],
};

export default defineConfig({
  resolve,
  test: {
    teardownTimeout: 30_000,
    // next-auth imports "next/server" without an extension, which Node's ESM resolver rejects (next has no
    // exports map): let Vite resolve it instead, so tests can import code that imports next-auth.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: [`${sourceDirs}/**/*.test.ts`, `${sourceDirs}/**/*.test.tsx`],
          exclude: [...ignored, "**/*.int.test.ts"],
          setupFiles: ["./scripts/test/setup-unit.ts"],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: ignored,
          // RAQI_TEST_DB=pglite|postgres (default pglite); see scripts/test/setup-integration.ts.
          globalSetup: ["./scripts/test/global-setup-postgres.ts"],
          setupFiles: ["./scripts/test/setup-integration.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
