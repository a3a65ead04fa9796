import { IAMClient } from "@aws-sdk/client-iam";
import "./aws-sdk";

/**
 * An IAM client on the default credential chain, as the AWS CLI would build
 * it: AWS_PROFILE or `profile`, AWS_ENDPOINT_URL, and a region (IAM is global;
 * the region only picks the endpoint, so us-east-1 when none is set).
 */
export function defaultIamClient(options: { profile?: string; region?: string } = {}): IAMClient {
  return new IAMClient({
    profile: options.profile,
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
  });
}
