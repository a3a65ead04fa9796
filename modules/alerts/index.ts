export * from "./break-glass-alerts";
export * from "./names";
export * from "./patterns";
export * from "./providers";
export * from "./regions";
export type { InputTransformer } from "./messages";
export { SIGN_IN_MESSAGE, ACTIVITY_MESSAGE, TAMPER_MESSAGE } from "./messages";
