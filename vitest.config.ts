import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globals: true,
    pool: "forks",
    testTimeout: 20_000,
    // Tests and files run in a random order (the seed is printed): none may depend on another having run first.
    sequence: { shuffle: true },
  },
});
