import { Testing } from "cdktf";
import { breakGlassMatchers } from "../policies/jest-matchers";

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toHaveDataSource, ...
Testing.setupJest();
// The policy pack's: toPassPolicies, toHaveExactlyOneAdminUser, toHaveResourceCount.
expect.extend(breakGlassMatchers);
