import { motoMissing, RUNNER_PID_ENV } from "../testing/moto";
import { findProviderMirror, terraformMissing, writeCliConfig } from "../testing/provider-mirror";

/**
 * Once per `npm test`: finds Terraform, the provider mirror and moto, and
 * writes the Terraform CLI config the integration suites share, and names
 * itself as the owner of the moto servers the tests start. Test workers
 * start after this and inherit the environment it sets.
 */
export default function globalSetup(): void {
  // Every moto server a worker starts exits with this process, however it ends.
  process.env[RUNNER_PID_ENV] = String(process.pid);
  const mirror = findProviderMirror();
  const missing = [terraformMissing(mirror), motoMissing()].filter(Boolean).join("; ");
  if (missing) {
    process.env.BREAK_GLASS_INTEGRATION_MISSING = missing;
    return;
  }
  process.env.TF_PROVIDER_MIRROR = mirror;
  process.env.TF_CLI_CONFIG_FILE = writeCliConfig(mirror!);
  // global-teardown removes only what this process wrote, never a config the caller set (see there).
  (globalThis as { breakGlassCliConfig?: string }).breakGlassCliConfig = process.env.TF_CLI_CONFIG_FILE;
}
