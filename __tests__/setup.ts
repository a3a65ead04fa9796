import { Testing } from "cdktf";

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toHaveDataSource, ...
Testing.setupJest();
