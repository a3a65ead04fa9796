import { App } from "cdktf";
import { BreakGlassStack, DEFAULT_REGION, DEFAULT_STACK_NAME } from "../modules";

/**
 * The stacks the app builds. With no configuration: one stack, `break-glass`,
 * using the default AWS credentials and AWS_REGION (else us-east-1).
 */
export function defineStacks(app: App, env: NodeJS.ProcessEnv = process.env): BreakGlassStack[] {
  return [new BreakGlassStack(app, DEFAULT_STACK_NAME, { region: env.AWS_REGION || DEFAULT_REGION })];
}
