// Imported for its effect by every module that builds an AWS SDK client.
// The pinned SDK supports Node 20; its start-up warning is about SDK releases
// after January 2027, which this project does not install until it moves to
// Node 22. Left on, it prints eight lines before every audit and drill.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
