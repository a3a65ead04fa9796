// The package entry: what another cdktf app imports. The validators behind
// the props stay internal; InvalidPropError is what a caller needs of them.
export * from "./break-glass-user";
export * from "./break-glass-stack";
export * from "./alerts";
export * from "./defaults";
export { InvalidPropError } from "./validation";
