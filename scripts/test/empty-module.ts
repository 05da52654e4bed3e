// Stands in for the `server-only` package under vitest (the real one throws outside a React Server environment).
export {};
