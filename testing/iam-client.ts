import { IAMClient } from "@aws-sdk/client-iam";
import "../audit/aws-sdk";

/** An IAM client for moto on loopback, with dummy credentials. */
export function iamClient(endpoint: string): IAMClient {
  return new IAMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
}
