// The package entry: what another cdktf app imports.
export * from "./break-glass-user";
export * from "./break-glass-stack";
export * from "./alerts";
export * from "./defaults";
export { InvalidPropError } from "./rules";
export * as rules from "./rules";
