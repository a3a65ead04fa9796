import { IAMClient } from "@aws-sdk/client-iam";

// The pinned SDK supports Node 20; its warning is about SDK releases after
// January 2027, which this project does not install until it moves to Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** An IAM client for moto on loopback, with dummy credentials. */
export function iamClient(endpoint: string): IAMClient {
  return new IAMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
}
