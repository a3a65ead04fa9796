/**
 * The in-process tests Stryker runs against each mutant of the policy core:
 * the policy and IAM suites, without the ones that spawn the built CLI from
 * dist/ (they would test the unmutated build) and without the Terraform and
 * moto setup, which none of these suites needs.
 * @type {import('jest').Config}
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["<rootDir>/__tests__/policies/**/*.test.ts", "<rootDir>/__tests__/iam/**/*.test.ts"],
  // cli and reports run `node dist/bin/policy.js`: the build, not the mutated source.
  testPathIgnorePatterns: ["/node_modules/", "/__tests__/policies/cli\\.test\\.ts$", "/__tests__/policies/reports\\.test\\.ts$"],
  globalSetup: undefined,
  maxWorkers: 1,
};
