import { Testing } from "cdktf";
import { BreakGlassStack, BreakGlassStackProps } from "../../modules";

export interface Synthesized {
  /** The stack's Terraform JSON as a string, for cdktf's matchers. */
  json: string;
  /** The same, parsed. */
  tf: TerraformJson;
}

export interface TerraformJson {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  provider?: Record<string, any[]>;
  terraform?: Record<string, any>;
}

/** Synthesizes one BreakGlassStack in a test app. */
export function synthStack(props: BreakGlassStackProps = {}, id = "break-glass"): Synthesized {
  const stack = new BreakGlassStack(Testing.app(), id, props);
  const json = Testing.synth(stack);
  return { json, tf: JSON.parse(json) };
}

/** The resources of one type, by logical id. */
export function resourcesOf(tf: TerraformJson, type: string): Record<string, any> {
  return tf.resource?.[type] ?? {};
}

/** The single resource of a type; fails the test when there are none or several. */
export function onlyResource(tf: TerraformJson, type: string): { id: string; config: any } {
  const entries = Object.entries(resourcesOf(tf, type));
  if (entries.length !== 1) throw new Error(`expected exactly one ${type}, found ${entries.length}`);
  return { id: entries[0][0], config: entries[0][1] };
}
