import * as fs from "node:fs";
import * as path from "node:path";

/** Once after `npm test`: removes the Terraform CLI config folder global-setup wrote. */
export default function globalTeardown(): void {
  const config = process.env.TF_CLI_CONFIG_FILE_WRITTEN;
  if (config) fs.rmSync(path.dirname(config), { recursive: true, force: true });
}
