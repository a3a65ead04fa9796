// Mutation testing of the policy core: the IAM engine, the Terraform reader and
// the rules. `npm run test:mutation` runs it (through stryker.score.mjs, which
// prints the score last); it is not part of `npm test` or CI.
// Surviving mutants judged equivalent are listed, with reasons, in stryker.equivalent.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  mutate: [
    "policies/iam/**/*.ts",
    "policies/terraform/**/*.ts",
    "policies/rules/**/*.ts",
    // AWS's managed policy documents are data, not logic.
    "!policies/iam/data/**",
  ],
  testRunner: "jest",
  jest: {
    // Only the in-process suites: no Terraform, no moto, no child processes running mutated code.
    configFile: "stryker.jest.config.js",
    enableFindRelatedTests: false,
  },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants: rule ids and severities, regular
  // expressions, lookup tables) are evaluated once at import, so each one
  // needs every suite re-run with a fresh module registry: minutes per mutant
  // here, past the timeout, which Stryker then counts as detected whether the
  // tests noticed or not. They are reported as Ignored instead, and the score
  // leaves them out (README, "How the checks are tested").
  ignoreStatic: true,
  // The machines have 2 cores shared with other work.
  concurrency: 2,
  timeoutMS: 20000,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["json", "html", "progress", "clear-text"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  // Only what the suites read needs copying to the sandbox.
  ignorePatterns: ["cdktf.out*", ".local", "reports", ".terraform"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
