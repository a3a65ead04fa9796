/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Terraform and moto suites deploy for real; give them room.
  testTimeout: 30_000,
  // Most suites wait on Terraform, moto or a child process: on a 2-core machine
  // three workers finish sooner than Jest's default of one (cores - 1).
  maxWorkers: 3,
  // Type-checking is `tsc -p .`'s job (run by `npm test` first); tests are only transpiled.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  // Examples import the package by name, as another app would; here that is this repository's source.
  moduleNameMapper: { "^break-glass$": "<rootDir>/modules/index.ts" },
  globalSetup: "<rootDir>/__tests__/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
