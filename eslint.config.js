// Lint rules run by `npm test` (zero warnings). Layering is enforced here too: workbench/ is framework-free and
// imports neither models/ nor app/; models/ never imports app/ (see docs/decisions/0011-layers-and-owners.md).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const upward = (...groups) => ({ patterns: [{ group: groups, message: "layers point down only: app/ → models/ → workbench/" }] });

export default tseslint.config(
  { ignores: ["build/", "public/", "node_modules/", ".cache/", "test-results/", "playwright-report/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // The store is asynchronous (SQLite and PostgreSQL alike): a promise nobody awaits is a write that may not happen
  // or a refusal nobody sees.
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    settings: { react: { version: "detect" } },
  },
  { files: ["app/**/*.{ts,tsx}"], plugins: { "react-hooks": reactHooks }, rules: reactHooks.configs.recommended.rules },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  // a scrolling region must take keyboard focus to be scrolled without a mouse (axe: scrollable-region-focusable)
  { files: ["app/**/*.tsx"], rules: { "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"] }] } },
  { files: ["app/**/*.{ts,tsx}"], rules: { "react/prop-types": "off" } },
  {
    files: ["workbench/**/*.ts"],
    rules: { "no-restricted-imports": ["error", upward("**/app/**", "~/*", "**/models/**", "react", "react-dom", "@remix-run/*", "@tensorflow/*")] },
  },
  // page.evaluate code reaches into untyped browser globals (ECharts instances, bench hooks)
  { files: ["bench/**/*.ts", "tests/e2e/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  { files: ["models/**/*.ts"], rules: { "no-restricted-imports": ["error", upward("**/app/**", "~/*", "react", "react-dom", "@remix-run/*")] } },
);
