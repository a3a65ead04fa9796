// The policy checks, as the rest of the project uses them: find and read
// Terraform JSON or plan JSON, run the rules, format the result; and the IAM
// engine's front door for the live account. Other folders import from here only.

export { evaluate, evaluateAccounts, evaluateDocuments, evaluateModel, findingLine, isFailing } from "./evaluate";
export type { EvaluateOptions, Result, Suppression, Violation } from "./evaluate";
export { FORMATS, formatResult } from "./format";
export type { Format } from "./format";
export { findDocuments, InputError, loadDocuments, readEach, synthesizedStacks } from "./load";
export type { DocumentSource, SynthesizedStack } from "./load";
export { accountFromSnapshot, breakGlassNames, isBreakGlassUser, unknownAwsManagedPolicyArns } from "./iam";
export type { AccountSnapshot, UserCredentials } from "./iam";
export { passwordPolicyProblems } from "./iam/password-policy";
export type { AccountPasswordPolicy } from "./iam/password-policy";
export { asArray, asObject, asString, isObject } from "./json";
export { normalize } from "./normalize";
export type { Resource } from "./model";
export type { JsonObject } from "./json";
export { isLiteral, referenceOf } from "./references";
