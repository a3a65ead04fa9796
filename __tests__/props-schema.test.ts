import * as fs from "node:fs";
import * as path from "node:path";
import { App, Testing } from "cdktf";
import { defineStacks } from "../synth/stacks";
import { configSchema } from "../config/schema";
import { breakGlassUserPropsSchema } from "../modules/break-glass-user-props";
import { ROOT, tempDir } from "./helpers/run";

// The construct's props are written once, in its schema; the interface, the
// config file, the stack builder and the README follow from it or are held to it.

const PROPS = Object.keys(breakGlassUserPropsSchema.shape);
/** Props that are Terraform objects and so cannot come from a file. */
const PROVIDER_PROPS = ["alertsProviders", "provider"];

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The first column of the table under a README heading: `name` of each row. */
function tableNames(heading: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading ${heading}`);
  const section = README.slice(start + heading.length + 2).split(/\n#{1,6} /)[0];
  return section
    .split("\n")
    .filter((line) => /^\| `/.test(line))
    .map((line) => line.split("|")[1].trim().replace(/^`|`$/g, ""));
}

describe("the README", () => {
  it("documents every prop of BreakGlassUser, in the schema's order, and nothing else", () => {
    expect(tableNames("### `BreakGlassUser` props")).toEqual([...PROPS, ...PROVIDER_PROPS]);
  });

  it("lists every prop a config file takes from the construct", () => {
    const row = README.split("\n").find((line) => line.includes("| as the construct |"));
    expect(row).toBeDefined();
    const names = [...row!.split("|")[1].matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(names).toEqual(PROPS);
  });
});

describe("break-glass.config.json", () => {
  it("takes every prop of the construct, checked by the construct's own validator", () => {
    for (const prop of PROPS) {
      expect([prop, configSchema.shape[prop as keyof typeof configSchema.shape]]).toEqual([prop, breakGlassUserPropsSchema.shape[prop as keyof typeof breakGlassUserPropsSchema.shape]]);
    }
  });

  it("applies the construct's rules across props: a random suffix needs a shorter user name", () => {
    const parsed = configSchema.safeParse({ userName: "u".repeat(58), randomSuffix: true, accounts: [{ name: "prod", id: "111111111111" }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["userName", "must be 1-57 characters of letters, digits and +=,.@_- when randomSuffix is on"]]);
  });

  it("says what a switch takes when it is not one", () => {
    const parsed = configSchema.safeParse({ protect: "yes", accounts: [{ name: "prod", id: "111111111111" }] });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["protect", "must be true or false"]]);
  });

  // One setting per prop and what it must change in every account's stack. A
  // prop added to the schema without a row here fails the first test below.
  const reaches: Record<string, [unknown, (tf: any) => unknown, unknown]> = {
    userName: ["Break.Glass", (tf) => first(tf.resource.aws_iam_user).name, expect.stringMatching(/^Break\.Glass-\$\{random_string\.\w+\.result\}$/)],
    groupName: ["BreakGlassAdmins", (tf) => first(tf.resource.aws_iam_group).name, "BreakGlassAdmins"],
    path: ["/emergency/", (tf) => first(tf.resource.aws_iam_user).path, "/emergency/"],
    tags: [{ Owner: "security" }, (tf) => first(tf.resource.aws_iam_user).tags.Owner, "security"],
    passwordLength: [40, (tf) => first(tf.resource.aws_iam_user_login_profile).password_length, 40],
    randomSuffix: [true, (tf) => Object.keys(tf.resource.random_string ?? {}).length, 1],
    passwordRotationToken: ["2026-Q4", (tf) => first(tf.resource.terraform_data).input, { token: "2026-Q4" }],
    requireMfa: [true, (tf) => first(tf.resource.aws_iam_group_policy)?.name, "RequireMfa"],
    pgpKey: ["keybase:alice", (tf) => first(tf.resource.aws_iam_user_login_profile).pgp_key, "keybase:alice"],
    protect: [true, (tf) => first(tf.resource.aws_iam_user).lifecycle, { prevent_destroy: true }],
    alerts: [{ email: "security@example.com", regions: ["us-east-1"] }, (tf) => first(tf.resource.aws_sns_topic_subscription).endpoint, "security@example.com"],
  };

  it("has a pass-through case for every prop", () => {
    expect(Object.keys(reaches)).toEqual(PROPS);
  });

  const outdir = tempDir("props-");
  it("passes every prop through the stack builder to the construct of every account", () => {
    const config = configSchema.parse({
      ...Object.fromEntries(Object.entries(reaches).map(([prop, [value]]) => [prop, value])),
      accounts: [
        { name: "prod", id: "111111111111" },
        { name: "dev", id: "222222222222" },
      ],
    });
    const stacks = defineStacks(new App({ outdir }), config);
    expect(stacks.map((s) => s.node.id)).toEqual(["break-glass-prod", "break-glass-dev"]);
    for (const stack of stacks) {
      const tf = JSON.parse(Testing.synth(stack));
      const got = Object.fromEntries(Object.entries(reaches).map(([prop, [, read]]) => [prop, read(tf)]));
      expect(got).toEqual(Object.fromEntries(Object.entries(reaches).map(([prop, [, , want]]) => [prop, want])));
    }
  });
});

function first(byId: Record<string, any> | undefined): any {
  return Object.values(byId ?? {})[0];
}
