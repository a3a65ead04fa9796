import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Once after `npm test`: removes the Terraform CLI config folder global-setup
 * wrote in this process. A global, not the environment: a Jest run that a
 * test starts inherits the environment, and must not remove its parent's.
 */
export default function globalTeardown(): void {
  const config = (globalThis as { breakGlassCliConfig?: string }).breakGlassCliConfig;
  if (config) fs.rmSync(path.dirname(config), { recursive: true, force: true });
}
