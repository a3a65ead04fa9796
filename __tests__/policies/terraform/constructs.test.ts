import { evaluate, Result } from "../../../policies/evaluate";
import { normalize } from "../../../policies/normalize";
import { ADMIN_ARN, adminUser, breakGlass, config, STAR_POLICY } from "./configs";

// Each construct Terraform reads, first written to fool the checker into a
// pass, then written compliantly. Findings are pinned by rule, stack, address
// and the words of the message.

const STACK = "main";

function check(json: unknown, modules?: Record<string, unknown[]>): Result {
  return evaluate({ stack: STACK, json, ...(modules ? { modules } : {}) });
}

function denies(result: Result) {
  return result.violations.filter((v) => v.severity === "deny" && !v.suppressed).map(({ rule, stack, address, message }) => ({ rule, stack, address, message }));
}

function expectPass(result: Result) {
  expect(denies(result)).toEqual([]);
  expect(result.passed).toBe(true);
}

function expectSecondAdmin(result: Result, address: string) {
  expect(result.passed).toBe(false);
  expect(denies(result)).toEqual([
    { rule: "one-admin-user", stack: STACK, address, message: expect.stringMatching(/is an administrator through .*only the break-glass user may/) },
  ]);
}

describe("Terraform JSON syntax", () => {
  it("reads every block kind in array form and skips // comments", () => {
    const json = {
      "//": "generated",
      provider: [{ aws: [{ region: "us-east-1" }] }],
      resource: [breakGlass().resource, { "//": "extra", aws_iam_user: [{ mallory: [{ name: "mallory", "//": "hi" }] }] }, adminUser("mallory").resource],
    };
    expectSecondAdmin(check(json), "aws_iam_user.mallory");
  });

  it("reads a compliant stack in array form as compliant", () => {
    expectPass(check(config(breakGlass(), { provider: { aws: { region: "us-east-1" } } })));
  });
});

describe("count and for_each", () => {
  it("passes the break-glass user made with count = 1 and referred to as [0]", () => {
    const json = config(breakGlass(), { locals: { one: 1 } });
    const resources = (json.resource as Record<string, Record<string, Record<string, unknown>>>[])[0];
    resources.aws_iam_user.bg.count = "${local.one}";
    resources.aws_iam_user_login_profile.bg.user = "${aws_iam_user.bg[0].name}";
    resources.aws_iam_group_membership.bg.users = ["${aws_iam_user.bg[count.index].name}"];
    resources.aws_iam_group_membership.bg.count = 1;
    expectPass(check(json));
  });

  it("finds the second instance of a counted user that is an administrator", () => {
    const json = config(breakGlass(), {
      resource: {
        aws_iam_user: { ops: { count: 2, name: "ops-${count.index}" } },
        aws_iam_user_policy_attachment: { ops: { user: "${aws_iam_user.ops[1].name}", policy_arn: ADMIN_ARN } },
      },
    });
    expectSecondAdmin(check(json), "aws_iam_user.ops[1]");
    expect(denies(check(json))[0].message).toContain("ops-1");
  });

  it("finds every for_each instance that gets administrator access", () => {
    const json = config(breakGlass(), {
      resource: {
        aws_iam_user: { ops: { for_each: '${toset(["alice", "bob"])}', name: "${each.key}" } },
        aws_iam_user_policy_attachment: { ops: { for_each: "${aws_iam_user.ops}", user: "${each.value.name}", policy_arn: ADMIN_ARN } },
      },
    });
    expect(denies(check(json)).map((d) => [d.rule, d.address])).toEqual([
      ["one-admin-user", 'aws_iam_user.ops["alice"]'],
      ["one-admin-user", 'aws_iam_user.ops["bob"]'],
    ]);
  });

  it("does not count a user with count = 0", () => {
    const json = config(breakGlass(), {
      resource: {
        aws_iam_user: { ghost: { count: 0, name: "ghost" } },
        aws_iam_user_policy_attachment: { ghost: { count: 0, user: "${aws_iam_user.ghost[0].name}", policy_arn: ADMIN_ARN } },
      },
    });
    expectPass(check(json));
  });

  it("does not take an attribute of a counted resource without an index for a known user", () => {
    // Terraform rejects this; the checker must not pass it either.
    const json = config(breakGlass(), adminUser("ghost", ADMIN_ARN, { count: 0 }));
    expect(check(json).passed).toBe(false);
  });

  it("fails closed on an IAM resource whose count is not known, naming it", () => {
    const json = config(breakGlass(), { variable: { n: { type: "number" } } }, adminUser("ops", ADMIN_ARN, { count: "${var.n}" }));
    const result = check(json);
    expect(result.passed).toBe(false);
    expect(denies(result)).toContainEqual({
      rule: "unresolved",
      stack: STACK,
      address: "aws_iam_user.ops[*]",
      message: expect.stringMatching(/^main aws_iam_user\.ops\[\*\]: count = "\$\{var\.n\}" cannot be read before apply.*terraform show -json/),
    });
  });

  it("fails closed, without expanding them, on more instances than the checks expand", () => {
    const many = config(breakGlass(), { resource: { aws_iam_user: { u: { count: "${10000 * 10000}", name: "u${count.index}" } } } });
    const denies = check(many).violations.filter((v) => v.severity === "deny");
    expect(denies.map((v) => [v.rule, v.address])).toEqual([["unresolved", "aws_iam_user.u[*]"]]);
    expect(denies[0].message).toContain("count is 100000000, more instances than the checks expand (10000)");
  });

  it("fails closed on for_each over values only apply knows", () => {
    const json = config(breakGlass(), {
      resource: {
        random_string: { s: { length: 4 } },
        aws_iam_user: { ops: { for_each: "${toset([random_string.s.result])}", name: "${each.key}" } },
      },
    });
    expect(denies(check(json))).toContainEqual(expect.objectContaining({ rule: "unresolved", address: "aws_iam_user.ops[*]" }));
  });
});

describe("locals and variables", () => {
  it("resolves a break-glass user name from a local, and passes", () => {
    const json = config(breakGlass("bg", "${local.name}"), { locals: { name: "${upper(\"e\")}mergencyAccess" } });
    expectPass(check(json));
  });

  it("finds an administrator ARN hidden in a local", () => {
    const json = config(breakGlass(), { locals: { policy: "arn:aws:iam::aws:policy/${local.which}", which: "AdministratorAccess" } }, adminUser("ops", "${local.policy}"));
    expectSecondAdmin(check(json), "aws_iam_user.ops");
  });

  it("finds an administrator ARN in a variable's default", () => {
    const json = config(breakGlass(), { variable: { arn: { default: ADMIN_ARN } } }, adminUser("ops", "${var.arn}"));
    expectSecondAdmin(check(json), "aws_iam_user.ops");
  });

  it("keeps an unset variable unknown, never a literal", () => {
    const json = config(breakGlass(), { variable: { arn: {} } }, adminUser("ops", "${var.arn}"));
    const attachment = normalize([{ stack: STACK, json }]).resources.find((r) => r.address === "aws_iam_user_policy_attachment.ops");
    expect(attachment?.values.policy_arn).toBe("${var.arn}");
  });
});

describe("jsonencode and templates", () => {
  it("finds Allow * on * built with jsonencode", () => {
    const json = config(breakGlass(), {
      resource: {
        aws_iam_user: { ops: { name: "ops" } },
        aws_iam_user_policy: { ops: { user: "${aws_iam_user.ops.name}", name: "p", policy: '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})}' } },
      },
    });
    expectSecondAdmin(check(json), "aws_iam_user.ops");
  });

  it("finds Allow * on * in a JSON template with an interpolated action list", () => {
    const json = config(breakGlass(), { locals: { actions: ["*"] } }, {
      resource: {
        aws_iam_user: { ops: { name: "ops" } },
        aws_iam_user_policy: { ops: { user: "${aws_iam_user.ops.name}", name: "p", policy: '{"Statement": [{"Effect": "Allow", "Action": ${jsonencode(local.actions)}, "Resource": "*"}]}' } },
      },
    });
    expectSecondAdmin(check(json), "aws_iam_user.ops");
  });

  it("keeps an unknown leaf of jsonencode at the leaf, the rest known", () => {
    const json = config(breakGlass(), {
      resource: {
        aws_iam_user: { ops: { name: "ops" } },
        aws_iam_user_policy: { ops: { user: "${aws_iam_user.ops.name}", name: "p", policy: '${jsonencode({Statement = [{Effect = "Allow", Action = "iam:*", Resource = aws_iam_user.ops.arn}]})}' } },
      },
    });
    const policy = normalize([{ stack: STACK, json }]).resources.find((r) => r.address === "aws_iam_user_policy.ops")?.values.policy;
    expect(JSON.parse(policy as string)).toEqual({ Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "${aws_iam_user.ops.arn}" }] });
  });
});

describe("aws_iam_policy_document", () => {
  const doc = (body: Record<string, unknown>) => ({ data: { aws_iam_policy_document: { d: body } } });
  const grantDoc = config(breakGlass(), {
    resource: {
      aws_iam_user: { ops: { name: "ops" } },
      aws_iam_user_policy: { ops: { user: "${aws_iam_user.ops.name}", name: "p", policy: "${data.aws_iam_policy_document.d.json}" } },
    },
  });
  const star = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] });
  const narrow = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

  it("passes when an override narrows the source's star statement with the same sid", () => {
    expectPass(check(config(grantDoc, doc({ source_policy_documents: [star], override_policy_documents: [narrow] }))));
  });

  it("finds a star that an override puts back over a narrow statement", () => {
    expectSecondAdmin(
      check(config(grantDoc, doc({ statement: [{ sid: "All", actions: ["s3:GetObject"], resources: ["*"] }], override_policy_documents: [star] }))),
      "aws_iam_user.ops",
    );
  });

  it("finds a star statement block that replaces a source's narrow one", () => {
    expectSecondAdmin(
      check(config(grantDoc, doc({ source_policy_documents: [narrow], statement: { sid: "All", actions: ["*"], resources: ["*"] } }))),
      "aws_iam_user.ops",
    );
  });

  it("finds a star from a source document with no sid, which nothing overrides", () => {
    const noSid = JSON.stringify(STAR_POLICY);
    expectSecondAdmin(check(config(grantDoc, doc({ source_policy_documents: [noSid], override_policy_documents: [narrow] }))), "aws_iam_user.ops");
  });

  it("finds a star statement made by a dynamic block", () => {
    expectSecondAdmin(
      check(config(grantDoc, doc({ dynamic: { statement: { for_each: '${["*"]}', content: { actions: ["${statement.value}"], resources: ["*"] } } } }))),
      "aws_iam_user.ops",
    );
  });

  it("follows aws_iam_policy.policy to a policy document and to data.aws_iam_policy", () => {
    const viaPolicy = (policy: string, extra: Record<string, unknown>) =>
      config(breakGlass(), extra, {
        resource: {
          aws_iam_policy: { p: { name: "p", policy } },
          aws_iam_user: { ops: { name: "ops" } },
          aws_iam_user_policy_attachment: { ops: { user: "${aws_iam_user.ops.name}", policy_arn: "${aws_iam_policy.p.arn}" } },
        },
      });
    expectSecondAdmin(check(viaPolicy("${data.aws_iam_policy_document.d.json}", doc({ statement: [{ actions: ["*"], resources: ["*"] }] }))), "aws_iam_user.ops");
    expectSecondAdmin(check(viaPolicy("${data.aws_iam_policy.admin.policy}", { data: { aws_iam_policy: { admin: { name: "AdministratorAccess" } } } })), "aws_iam_user.ops");
  });

  it("reads data.aws_iam_policy by name as the AWS managed policy only where its path_prefix lets the data source find it", () => {
    const viaData = (args: Record<string, unknown>) =>
      check(config(breakGlass(), adminUser("ops", "${data.aws_iam_policy.p.arn}"), { data: { aws_iam_policy: { p: args } } }));
    // Under /job-function/ (ViewOnlyAccess's path) or / the AWS managed policy is found: a known, harmless policy.
    expect(viaData({ name: "ViewOnlyAccess", path_prefix: "/job-function/" }).passed).toBe(true);
    expect(viaData({ name: "AdministratorAccess", path_prefix: "/" }).violations.filter((v) => v.severity === "deny").map((v) => [v.rule, v.address])).toEqual([["one-admin-user", "aws_iam_user.ops"]]);
    // Under a path no AWS managed policy has, only a customer policy of that name can be found: its document is the account's.
    for (const args of [{ name: "ViewOnlyAccess", path_prefix: "/team/" }, { name: "ViewOnlyAccess", path_prefix: "${var.prefix}" }]) {
      const denies = viaData(args).violations.filter((v) => v.severity === "deny");
      expect(denies.map((v) => [v.rule, v.address])).toEqual([["unresolved", "aws_iam_user_policy_attachment.ops"]]);
      expect(denies[0].message).toContain('policy_arn = "${data.aws_iam_policy.p.arn}" cannot be read before apply');
    }
  });

  it("reads &{aws:username} as the data source writes it, the IAM policy variable ${aws:username}", () => {
    // Mallory may attach policies, but not to herself: a Deny on user/&{aws:username} guards her, known document or not.
    const statements = [
      { actions: ["iam:AttachUserPolicy"], resources: ["*"] },
      { effect: "Deny", actions: ["iam:AttachUserPolicy"], resources: ["arn:*:iam::*:user/&{aws:username}"] },
    ];
    for (const extra of [{}, { policy_id: "${var.id}" }]) {
      const result = check(
        config(breakGlass(), doc({ statement: statements, ...extra }), {
          resource: { aws_iam_user: { m: { name: "Mallory" } }, aws_iam_user_policy: { p: { user: "${aws_iam_user.m.name}", policy: "${data.aws_iam_policy_document.d.json}" } } },
        }),
      );
      expect(result.violations.filter((v) => v.severity === "deny")).toEqual([]);
    }
  });

  it("computes the provider's JSON for a known document", () => {
    const model = normalize([{ stack: STACK, json: doc({ statement: [{ sid: "A", actions: ["iam:GetUser", "iam:ListUsers"], resources: ["*"], condition: [{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: ["true"] }] }] }) }]);
    expect(JSON.parse(model.resources[0].values.json as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "A", Effect: "Allow", Action: ["iam:GetUser", "iam:ListUsers"], Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
    });
  });

  it("leaves the document unknown when a source document is not known", () => {
    const model = normalize([{ stack: STACK, json: config({ variable: { src: {} } }, doc({ source_policy_documents: ["${var.src}"] })) }]);
    expect(model.resources[0].values.json).toBe("${data.aws_iam_policy_document.d.json}");
  });
});

describe("modules", () => {
  const extraAdmin = [config({ variable: { name: {} } }, adminUser("mallory", ADMIN_ARN), { resource: { aws_iam_user: { mallory: { name: "${var.name}" } } } })];

  it("finds an administrator inside a local module, by its module address", () => {
    const json = config(breakGlass(), { module: { extra: { source: "./modules/extra", name: "mallory" } } });
    const result = check(json, { "modules/extra": extraAdmin });
    expectSecondAdmin(result, "module.extra.aws_iam_user.mallory");
    expect(denies(result)[0].message).toContain("mallory");
  });

  it("expands a module's for_each into one module instance per key", () => {
    const json = config(breakGlass(), { module: { extra: { source: "./modules/extra", for_each: '${toset(["a"])}', name: "${each.key}" } } });
    expectSecondAdmin(check(json, { "modules/extra": extraAdmin }), 'module.extra["a"].aws_iam_user.mallory');
  });

  it("fails closed on a module whose source is not a local folder", () => {
    const result = check(config(breakGlass(), { module: { remote: { source: "terraform-aws-modules/iam/aws//modules/iam-user", version: "5.0.0" } } }));
    expect(denies(result)).toEqual([
      {
        rule: "unresolved",
        stack: STACK,
        address: "module.remote",
        message: expect.stringMatching(/module\.remote: source = "terraform-aws-modules\/iam\/aws\/\/modules\/iam-user" cannot be read.*terraform show -json/),
      },
    ]);
  });

  it("fails closed on a local module whose folder was not read", () => {
    expect(denies(check(config(breakGlass(), { module: { gone: { source: "./nowhere" } } })))).toEqual([
      expect.objectContaining({ rule: "unresolved", address: "module.gone", message: expect.stringContaining("nowhere") }),
    ]);
  });

  it("gives a module's resources the account of the provider its call passes", () => {
    const providers = { provider: { aws: [{ allowed_account_ids: ["111111111111"] }, { alias: "other", allowed_account_ids: ["222222222222"] }] } };
    const modules = { "modules/bg": [breakGlass()] };
    const passed = config(breakGlass(), providers, { module: { other: { source: "./modules/bg", providers: { aws: "aws.other" } } } });
    expectPass(check(passed, modules));
    const accounts = normalize([{ stack: STACK, json: passed, modules }]).resources.map((r) => [r.address, r.account]);
    expect(accounts).toContainEqual(["module.other.aws_iam_user.bg", "222222222222"]);
    expect(accounts).toContainEqual(["aws_iam_user.bg", "111111111111"]);

    // Without `providers`, the module inherits the default provider: both users are in one account.
    const inherited = config(breakGlass(), providers, { module: { other: { source: "./modules/bg" } } });
    expect(normalize([{ stack: STACK, json: inherited, modules }]).resources.find((r) => r.address === "module.other.aws_iam_user.bg")?.account).toBe("111111111111");
    expect(denies(check(inherited, modules))).toContainEqual(
      expect.objectContaining({ rule: "unique-user-names", address: "module.other.aws_iam_user.bg", message: expect.stringContaining("account 111111111111") }),
    );
  });
});

describe("provider accounts", () => {
  const accountOf = (provider: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    normalize([{ stack: STACK, json: config({ provider: { aws: provider } }, extra, breakGlass()) }]);

  it("takes the account of the last role in an assume_role chain", () => {
    const model = accountOf({ assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/hop" }, { role_arn: "arn:aws:iam::222222222222:role/target" }] });
    expect(model.resources[0].account).toBe("222222222222");
  });

  it("takes the account of assume_role_with_web_identity", () => {
    const model = accountOf({ assume_role_with_web_identity: { role_arn: "arn:aws:iam::333333333333:role/ci", web_identity_token_file: "/t" } });
    expect(model.resources[0].account).toBe("333333333333");
  });

  it("evaluates provider arguments from variables", () => {
    const model = accountOf({ allowed_account_ids: ["${var.account}"] }, { variable: { account: { default: "444444444444" } } });
    expect(model.resources[0].account).toBe("444444444444");
  });

  it("fails closed on an account-deciding argument that is not known", () => {
    const result = check(config({ provider: { aws: { alias: "x", assume_role: { role_arn: "${var.role}" } } }, variable: { role: {} } }, breakGlass()));
    expect(denies(result)).toEqual([
      {
        rule: "unresolved",
        stack: STACK,
        address: "provider.aws.x",
        message: expect.stringMatching(/provider\.aws\.x: assume_role\.role_arn = "\$\{var\.role\}" cannot be read/),
      },
    ]);
  });

  it("fails closed on a role assumed through a dynamic block, which the checks do not expand", () => {
    // Beside a default provider that holds the break-glass user, a second account would otherwise pass as the same one.
    const dynamicRole = { assume_role: { for_each: ["x"], content: { role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" } } };
    const json = config({ provider: { aws: [{}, { alias: "b", dynamic: dynamicRole }] } }, breakGlass(), { resource: { aws_s3_bucket: { b: { provider: "aws.b", bucket: "b" } } } });
    expect(denies(check(json))).toEqual([
      {
        rule: "unresolved",
        stack: STACK,
        address: "provider.aws.b",
        message: expect.stringMatching(
          /^main provider\.aws\.b: dynamic\.assume_role = .*OrganizationAccountAccessRole.* cannot be read before apply \(the provider assumes a role through a dynamic block, which the checks do not expand\)/,
        ),
      },
      {
        rule: "one-admin-user",
        stack: STACK,
        address: "",
        message: "account unknown (main provider.aws.b) has no break-glass administrator: add the BreakGlassUser construct (user EmergencyAccess in EmergencyAccessGroup with AdministratorAccess).",
      },
    ]);
  });

  it("reads a provider of type aws under another local name as the AWS provider it is", () => {
    const json = config(
      { terraform: { required_providers: { awsx: { source: "hashicorp/aws", version: "~> 6.0" } } } },
      { provider: { aws: {}, awsx: { alias: "b", allowed_account_ids: ["222222222222"] } } },
      breakGlass(),
      { resource: { aws_s3_bucket: { b: { provider: "awsx.b", bucket: "b" } } } },
    );
    expect(denies(check(json))).toEqual([
      {
        rule: "one-admin-user",
        stack: STACK,
        address: "",
        message: "account 222222222222 has no break-glass administrator: add the BreakGlassUser construct (user EmergencyAccess in EmergencyAccessGroup with AdministratorAccess).",
      },
    ]);
    // Terraform folds a source's type by IDNA mapping: a fullwidth or soft-hyphenated `aws` is `aws`, under any local name.
    for (const source of ["hashicorp/\uFF21\uFF37\uFF33", "hashicorp/aw\u00ADs"]) {
      for (const local of ["aws", "awsx"]) {
        const folded = config(
          { terraform: { required_providers: { [local]: { source } } } },
          { provider: { [local]: [{}, { alias: "b", assume_role: { role_arn: "arn:aws:iam::222222222222:role/deploy" } }] } },
          breakGlass(),
          { resource: { aws_s3_bucket: { b: { provider: `${local}.b`, bucket: "b" } } } },
        );
        expect(denies(check(folded)).map((d) => d.message)).toContain(
          "account 222222222222 has no break-glass administrator: add the BreakGlassUser construct (user EmergencyAccess in EmergencyAccessGroup with AdministratorAccess).",
        );
      }
    }
    // Another provider's type under a local name is not AWS: its resources reach no AWS account.
    const random = config({ terraform: { required_providers: { rnd: { source: "hashicorp/random" } } } }, { provider: { rnd: { alias: "b" } } }, breakGlass(), { resource: { random_string: { s: { provider: "rnd.b", length: 8 } } } });
    expect(denies(check(random))).toEqual([]);
  });

  it("lets an unresolved finding be suppressed with a written reason", () => {
    const json = config({ provider: { aws: { allowed_account_ids: "${var.ids}" } }, variable: { ids: {} } }, breakGlass());
    const result = evaluate({ stack: STACK, json }, { suppressions: [{ rule: "unresolved", address: "provider.aws", reason: "the account is pinned by the CI role" }] });
    expect(result.passed).toBe(true);
    expect(result.violations.find((v) => v.rule === "unresolved")?.suppressed).toEqual({ reason: "the account is pinned by the CI role" });
  });
});

describe("outputs", () => {
  it("finds the password passed to an output through a local", () => {
    const json = config(breakGlass(), { locals: { pw: "${aws_iam_user_login_profile.bg.password}" }, output: { password: { value: "${local.pw}" } } });
    expect(denies(check(json))).toEqual([
      { rule: "sensitive-password-output", stack: STACK, address: "output.password", message: expect.stringContaining("not sensitive") },
    ]);
  });

  it("finds the password in an output through a local that a provider's arguments read first", () => {
    // Providers are configured before outputs are read: what they evaluate must still carry what it refers to.
    const leak = { locals: { pw: "${aws_iam_user_login_profile.bg.password}" }, output: { leak: { value: "${nonsensitive(local.pw)}" } } };
    const providers = [
      { assume_role: { role_arn: "arn:aws:iam::111111111111:role/R", session_name: "${local.pw}" } },
      { assume_role_with_web_identity: { role_arn: "arn:aws:iam::111111111111:role/R", session_name: "${local.pw}" } },
      { allowed_account_ids: ["111111111111"], region: "${local.pw}" },
    ];
    for (const aws of providers) {
      expect(denies(check(config(breakGlass(), { provider: { aws } }, leak))).filter((d) => d.rule === "sensitive-password-output")).toEqual([
        { rule: "sensitive-password-output", stack: STACK, address: "output.leak", message: expect.stringContaining("not sensitive") },
      ]);
    }
  });

  it("does not take what a provider refers to for what an output refers to", () => {
    const json = config(
      breakGlass(),
      { provider: { aws: { allowed_account_ids: ["111111111111"], assume_role: { role_arn: "arn:aws:iam::111111111111:role/R", session_name: "${aws_iam_user_login_profile.bg.password}" } } } },
      { locals: { name: "${aws_iam_user.bg.name}" }, output: { user: { value: "${local.name}" } } },
    );
    expect(denies(check(json)).filter((d) => d.rule === "sensitive-password-output")).toEqual([]);
  });
});

describe("inputs built to defeat the reader", () => {
  it("keeps an expression nested deeper than the stack allows as the string it was written as", () => {
    // A non-literal policy ARN: the IAM engine fails closed on it (see policies/model.ts).
    const deep = `\${${"(".repeat(20000)}"${"x"}"${")".repeat(20000)}}`;
    const attachment = normalize([{ stack: STACK, json: config(breakGlass(), adminUser("ops", deep)) }]).resources.find((r) => r.address === "aws_iam_user_policy_attachment.ops");
    expect(attachment?.values.policy_arn).toBe(deep);
  });

  it("reports a document nested deeper than the stack allows as unreadable", () => {
    let nested: unknown = "x";
    for (let i = 0; i < 50000; i++) nested = [nested];
    const result = check(config(breakGlass(), { resource: { aws_iam_user: { ops: { name: "ops", tags: nested } } } }));
    expect(result.passed).toBe(false);
    expect(result.violations).toContainEqual(expect.objectContaining({ rule: "terraform-input", stack: STACK, message: expect.stringContaining("could not be read") }));
  });

  it("treats a reference cycle as unevaluable, not as a literal", () => {
    const json = config(breakGlass(), { locals: { a: "${local.b}", b: "${local.a}" } }, adminUser("ops", "${local.a}"));
    const attachment = normalize([{ stack: STACK, json }]).resources.find((r) => r.address === "aws_iam_user_policy_attachment.ops");
    expect(attachment?.values.policy_arn).toBe("${local.a}");
  });
});

describe("outputs the reader cannot evaluate", () => {
  it("still finds the password in an output written with a template directive", () => {
    const json = config(breakGlass(), { output: { password: { value: '%{ if true }${aws_iam_user_login_profile.bg.password}%{ endif }' } } });
    expect(denies(check(json))).toEqual([expect.objectContaining({ rule: "sensitive-password-output", address: "output.password" })]);
  });
});

describe("values the checks leave unread", () => {
  // The checks work out IAM resources' values only; what those refer to in other
  // resources must still be followed, or an administrator hides one hop away.
  const hidden = () =>
    config(breakGlass(), adminUser("mallory", "${terraform_data.arn.input}"), {
      resource: { terraform_data: { arn: { input: "${local.arn}" } } },
      locals: { arn: ADMIN_ARN },
    });

  it("follows an IAM value through a resource whose own values are not worked out", () => {
    expectSecondAdmin(check(hidden()), "aws_iam_user.mallory");
  });

  it("holds every resource for other readers, and only IAM resources for the checks", () => {
    const all = normalize([{ stack: STACK, json: hidden() }]);
    const checked = normalize([{ stack: STACK, json: hidden() }], { resourcesOf: (type) => type.startsWith("aws_iam_") });
    const values = (model: typeof all, address: string) => model.resources.find((r) => r.address === address)?.values;
    expect(values(all, "terraform_data.arn")).toEqual({ input: ADMIN_ARN });
    expect(values(checked, "terraform_data.arn")).toBeUndefined();
    expect(values(checked, "aws_iam_user_policy_attachment.mallory")).toEqual(values(all, "aws_iam_user_policy_attachment.mallory"));
    expect(values(checked, "aws_iam_user_policy_attachment.mallory")?.policy_arn).toBe(ADMIN_ARN);
    expect(checked.resources.map((r) => r.address)).toEqual(all.resources.map((r) => r.address).filter((a) => a.startsWith("aws_iam_")));
  });
});

describe("accounts only resources the checks do not read reach", () => {
  // The checks hold IAM resources only; an account that other AWS resources
  // reach still needs its break-glass administrator.
  const OTHER = "222222222222";
  const withBucket = (bucket: Record<string, unknown>) =>
    config(breakGlass(), {
      provider: { aws: [{}, { alias: "other", allowed_account_ids: [OTHER] }] },
      resource: { aws_s3_bucket: { logs: { provider: "aws.other", bucket: "logs", ...bucket } }, random_string: { r: { length: 8 } } },
    });
  const missing = { rule: "one-admin-user", stack: STACK, address: "", message: `account ${OTHER} has no break-glass administrator: add the BreakGlassUser construct (user EmergencyAccess in EmergencyAccessGroup with AdministratorAccess).` };

  it("denies an account that only a bucket reaches, naming the account", () => {
    expect(denies(check(withBucket({})))).toEqual([missing]);
  });

  it("counts a bucket with a count or for_each that has instances, or may have", () => {
    expect(denies(check(withBucket({ count: 2 })))).toEqual([missing]);
    expect(denies(check(withBucket({ for_each: { a: 1 } })))).toEqual([missing]);
    expect(denies(check(withBucket({ count: "${var.n}" }))).filter((d) => d.rule === "one-admin-user")).toEqual([missing]);
  });

  it("leaves out a bucket with no instances, and resources that live in no AWS account", () => {
    expectPass(check(withBucket({ count: 0 })));
    expectPass(check(withBucket({ for_each: {} })));
  });

  it("lists the same accounts, in the same order, as a model of every resource", () => {
    const json = withBucket({});
    const all = normalize([{ stack: STACK, json }]);
    const checked = normalize([{ stack: STACK, json }], { resourcesOf: (type) => type.startsWith("aws_iam_") });
    const reached = [...new Set(all.resources.filter((r) => r.type.startsWith("aws_")).map((r) => r.account))];
    expect([...checked.accounts!.keys()]).toEqual(reached);
    expect([...checked.accounts!.values()]).toEqual([
      { stack: STACK, partition: undefined },
      { stack: STACK, partition: undefined },
    ]);
    expect(reached).toEqual(["default credentials", OTHER]);
  });

  it("reads the accounts of a plan's resources the same way", () => {
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [{ address: "aws_s3_bucket.logs", mode: "managed", type: "aws_s3_bucket", name: "logs", values: { bucket: "logs" } }] } },
      configuration: {
        provider_config: { "aws.other": { name: "aws", alias: "other", expressions: { allowed_account_ids: { constant_value: [OTHER] } } } },
        root_module: { resources: [{ address: "aws_s3_bucket.logs", provider_config_key: "aws.other", expressions: {} }] },
      },
    };
    const checked = normalize([{ stack: "p", json: plan }], { resourcesOf: (type) => type.startsWith("aws_iam_") });
    expect(checked.resources).toEqual([]);
    expect([...checked.accounts!]).toEqual([[OTHER, { stack: "p", partition: undefined }]]);
    expect(denies(evaluate({ stack: "p", json: plan }))).toEqual([{ ...missing, stack: "p" }]);
  });
});

describe("values only apply knows, where they decide who is administrator", () => {
  const unresolved = (result: Result) => denies(result).filter((d) => d.rule === "unresolved");

  it("fails closed on a policy document whose statements come from a dynamic block over a value not known before apply", () => {
    const json = config(breakGlass(), {
      variable: { stmts: { type: "list(string)" } },
      resource: { aws_iam_user: { m: { name: "Mallory" } }, aws_iam_user_policy: { m: { user: "${aws_iam_user.m.name}", policy: "${data.aws_iam_policy_document.d.json}" } } },
      data: { aws_iam_policy_document: { d: { dynamic: { statement: { for_each: "${var.stmts}", content: { actions: ["${statement.value}"], resources: ["*"] } } } } } },
    });
    const result = check(json);
    expect(result.passed).toBe(false);
    expect(unresolved(result)).toEqual([
      { rule: "unresolved", stack: STACK, address: "aws_iam_user_policy.m", message: expect.stringMatching(/policy = "\$\{data\.aws_iam_policy_document\.d\.json\}".*statement blocks not known before apply/) },
    ]);
  });

  it("fails closed on a role's inline policies from a dynamic block over a value not known before apply", () => {
    const json = config(breakGlass(), {
      variable: { pols: { type: "map(string)" } },
      resource: {
        aws_iam_user: { m: { name: "Mallory" } },
        aws_iam_role: {
          r: {
            name: "r",
            assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:user/Mallory" }, Action: "sts:AssumeRole" }] }),
            dynamic: { inline_policy: { for_each: "${var.pols}", content: { name: "${inline_policy.key}", policy: "${inline_policy.value}" } } },
          },
        },
      },
    });
    expect(unresolved(check(json))).toEqual([
      { rule: "unresolved", stack: STACK, address: "aws_iam_role.r", message: expect.stringMatching(/inline_policy = .*inline policies not known before apply/) },
    ]);
  });

  it("takes a path not known before apply as any path, so a grant on another path still reaches the break-glass user", () => {
    const json = config(breakGlass("bg"), {
      variable: { p: { type: "string" } },
      resource: {
        aws_iam_user: { m: { name: "Mallory" } },
        aws_iam_user_policy: {
          m: { user: "${aws_iam_user.m.name}", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::*:user/x/*" }] }) },
        },
      },
    });
    ((json.resource as Record<string, Record<string, Record<string, unknown>>>[])[0].aws_iam_user.bg).path = "${var.p}";
    expect(denies(check(json))).toEqual([
      { rule: "can-become-administrator", stack: STACK, address: "aws_iam_user.m", message: expect.stringMatching(/Mallory .*iam:CreateAccessKey on the break-glass user EmergencyAccess/) },
    ]);
  });
});
