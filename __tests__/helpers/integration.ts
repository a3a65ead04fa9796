import { App } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MotoServer, startMoto } from "../../testing/moto";
import { terraform, terraformOk, TerraformRun } from "../../operator/terraform";

/** CI sets this, so a suite that cannot run fails instead of skipping. */
export const INTEGRATION_REQUIRED = process.env.BREAK_GLASS_REQUIRE_INTEGRATION === "1";

/**
 * A describe block for suites that need Terraform, the provider mirror and moto.
 * Where they are missing it skips, saying why, or fails when CI requires it.
 */
export function describeIntegration(title: string, body: () => void): void {
  const missing = process.env.BREAK_GLASS_INTEGRATION_MISSING;
  if (!missing) {
    describe(title, body);
  } else if (INTEGRATION_REQUIRED) {
    describe(title, () => {
      it("has Terraform, the provider mirror and moto", () => {
        throw new Error(`BREAK_GLASS_REQUIRE_INTEGRATION=1, but ${missing}`);
      });
    });
  } else {
    // Straight to stderr: Jest drops console output of a file whose tests all skip.
    process.stderr.write(`skipping "${title}": ${missing}\n`);
    describe.skip(title, body);
  }
}

/** A moto server for the test file, started before its tests and stopped after. */
export function useMoto(extraEnv: Record<string, string> = {}): { current: MotoServer } {
  const holder = {} as { current: MotoServer };
  beforeAll(async () => {
    holder.current = await startMoto(extraEnv);
  }, 60_000);
  afterAll(async () => {
    await holder.current?.stop();
  });
  return holder;
}

/** One synthesized stack folder and the Terraform commands users run in it. */
export class StackDir {
  constructor(
    readonly dir: string,
    private readonly env: () => NodeJS.ProcessEnv,
  ) {}

  /** Synthesizes an app into a fresh temporary folder and returns the stack's folder. */
  static synth(define: (app: App) => void, stack: string, env: () => NodeJS.ProcessEnv): StackDir {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "stack-"));
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
    const app = new App({ outdir: path.join(root, "cdktf.out"), stackTraces: false });
    define(app);
    app.synth();
    return new StackDir(path.join(root, "cdktf.out", "stacks", stack), env);
  }

  run(...args: string[]): TerraformRun {
    return terraform([...args, "-no-color"], this.dir, this.env());
  }

  ok(...args: string[]): TerraformRun {
    return terraformOk([...args, "-no-color"], this.dir, this.env());
  }

  init(): void {
    this.ok("init", "-input=false");
  }

  apply(): void {
    this.ok("apply", "-input=false", "-auto-approve");
  }

  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes. */
  planExitCode(): number {
    const run = this.run("plan", "-input=false", "-detailed-exitcode");
    if (run.status !== 0 && run.status !== 2) throw new Error(`terraform plan failed:\n${run.stderr}`);
    return run.status;
  }

  /** Plans to a file and returns `terraform show -json` of it. */
  planJson(): unknown {
    this.ok("plan", "-input=false", "-out=plan.bin");
    return JSON.parse(this.ok("show", "-json", "plan.bin").stdout);
  }

  outputs(): Record<string, { value: unknown; sensitive: boolean }> {
    return JSON.parse(this.ok("output", "-json").stdout);
  }
}
