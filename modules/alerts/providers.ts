import { AwsProvider, AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";

/**
 * An AWS provider alias in each Region the alerts watch, with the same account
 * pinning as the stack's own provider, so no Region can apply to another
 * account. The Region of `defaultProvider` reuses it. Aliases are named by
 * Region (`us_east_1`), as the single-Region alerts named theirs.
 */
export function alertsRegionProviders(
  scope: Construct,
  regions: readonly string[],
  settings: Pick<AwsProviderConfig, "allowedAccountIds" | "assumeRole">,
  defaultProvider?: { region: string; provider: TerraformProvider },
): Record<string, TerraformProvider> {
  const providers: Record<string, TerraformProvider> = {};
  for (const region of regions) {
    if (defaultProvider && region === defaultProvider.region) {
      providers[region] = defaultProvider.provider;
      continue;
    }
    const alias = region.replace(/-/g, "_");
    providers[region] = new AwsProvider(scope, `aws_${alias}`, { alias, region, ...settings });
  }
  return providers;
}
