import { runDrill } from "../audit/drill/drill";
import { DrillOptions, DrillSnapshot, RuleState } from "../audit/drill/snapshot";
import { formatResult } from "../policies/format";
import { DRILL_CHECKS } from "../audit/drill/checks";

const NOW = new Date("2026-11-29T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const TOPIC = "arn:aws:sns:us-east-1:123456789012:EmergencyAccessGroup-activity";
const BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default";
const options: DrillOptions = { passwordLength: 32, maxAgeDays: 90 };

const rule = (region: string, name: string, expectedTarget: string): RuleState => ({
  region,
  name,
  found: true,
  state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
  targets: [expectedTarget],
  expectedTarget,
});

/** Everything the emergency path needs, in order. */
const allGood: DrillSnapshot = {
  account: "123456789012",
  now: NOW,
  userName: "EmergencyAccess",
  groupName: "EmergencyAccessGroup",
  user: { passwordLastUsed: daysAgo(10) },
  loginProfile: { createDate: daysAgo(200), passwordResetRequired: false },
  mfaDevices: 1,
  groupRequiresMfa: true,
  passwordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true },
  homeRegion: "us-east-1",
  rules: [
    rule("us-east-1", "EmergencyAccessGroup-sign-in", TOPIC),
    rule("us-east-1", "EmergencyAccessGroup-activity", TOPIC),
    rule("us-east-1", "EmergencyAccessGroup-tamper", TOPIC),
    rule("eu-west-1", "EmergencyAccessGroup-forward", BUS),
  ],
  topicArn: TOPIC,
  subscriptions: [{ protocol: "email", endpoint: "security@example.com", confirmed: true }],
  trails: [{ name: "org-trail", homeRegion: "us-east-1", multiRegion: true, logging: true, managementEvents: true }],
};

/** The findings for a snapshot changed from the all-good one, as [rule, severity, address, message]. */
function findings(change: Partial<DrillSnapshot>, opts: Partial<DrillOptions> = {}) {
  const result = runDrill({ ...allGood, ...change }, { ...options, ...opts });
  return { passed: result.passed, found: result.violations.map((v) => [v.rule, v.severity, v.address, v.message]) };
}

describe("drill checks", () => {
  it("passes with nothing to report when everything holds", () => {
    expect(findings({})).toEqual({ passed: true, found: [] });
  });

  describe("drill-login-profile", () => {
    it("denies a missing user", () => {
      expect(findings({ user: undefined, loginProfile: undefined, mfaDevices: 0 }).found).toEqual([
        ["drill-login-profile", "deny", "iam:user/EmergencyAccess", "the user EmergencyAccess does not exist: deploy the stack (or pass --user-name)"],
      ]);
    });
    it("denies a user without a login profile", () => {
      expect(findings({ loginProfile: undefined })).toEqual({
        passed: false,
        found: [["drill-login-profile", "deny", "iam:user/EmergencyAccess", "EmergencyAccess has no login profile, so no console password: deploy the stack to create one"]],
      });
    });
    it("denies a required reset", () => {
      expect(findings({ loginProfile: { createDate: daysAgo(1), passwordResetRequired: true } }).found[0].slice(0, 3)).toEqual(["drill-login-profile", "deny", "iam:user/EmergencyAccess"]);
    });
  });

  describe("drill-password-policy", () => {
    it("denies a minimum the configured length cannot meet, naming the rule and the prop", () => {
      expect(findings({ passwordPolicy: { MinimumPasswordLength: 64 } }).found).toEqual([
        [
          "drill-password-policy",
          "deny",
          "iam:account-password-policy/MinimumPasswordLength",
          "the account password policy's MinimumPasswordLength is 64, but passwordLength is 32: set passwordLength to at least 64",
        ],
      ]);
    });
    it("judges the length given with --password-length", () => {
      expect(findings({ passwordPolicy: { MinimumPasswordLength: 64 } }, { passwordLength: 64 }).passed).toBe(true);
    });
  });

  describe("drill-password-expiry", () => {
    it("denies an expired password and says what HardExpiry means", () => {
      const { found } = findings({ passwordPolicy: { MaxPasswordAge: 90, HardExpiry: true }, loginProfile: { createDate: daysAgo(100), passwordResetRequired: false } });
      expect(found).toEqual([
        [
          "drill-password-expiry",
          "deny",
          "iam:account-password-policy/MaxPasswordAge",
          "EmergencyAccess's password expired on 2026-11-19 (MaxPasswordAge 90 days); HardExpiry is on: an expired password cannot sign in at all until an administrator resets it: rotate it now (passwordRotationToken)",
        ],
      ]);
    });
    it("warns when it expires before the next drill, without HardExpiry", () => {
      const { passed, found } = findings({ passwordPolicy: { MaxPasswordAge: 180 }, loginProfile: { createDate: daysAgo(100), passwordResetRequired: false } });
      expect(passed).toBe(true);
      expect(found).toEqual([
        [
          "drill-password-expiry",
          "warn",
          "iam:account-password-policy/MaxPasswordAge",
          "EmergencyAccess's password expires on 2027-02-17 (MaxPasswordAge 180 days), before the next drill is due; HardExpiry is off: the first sign-in after expiry must choose a new password before anything else: rotate it (passwordRotationToken)",
        ],
      ]);
    });
    it("says nothing when expiry is beyond the next drill", () => {
      expect(findings({ passwordPolicy: { MaxPasswordAge: 365 }, loginProfile: { createDate: daysAgo(30), passwordResetRequired: false } }).found).toEqual([]);
    });
  });

  describe("drill-mfa-device", () => {
    it("denies a group that requires MFA without a device", () => {
      expect(findings({ mfaDevices: 0 }).found).toEqual([
        ["drill-mfa-device", "deny", "iam:user/EmergencyAccess", "EmergencyAccessGroup requires MFA but EmergencyAccess has no MFA device: register one (README, requireMfa) and keep it with the person who holds it"],
      ]);
    });
    it("needs no device when the group does not require MFA", () => {
      expect(findings({ mfaDevices: 0, groupRequiresMfa: false }).found).toEqual([]);
    });
  });

  describe("drill-overdue", () => {
    it("warns when the password was neither used nor set within --max-age-days", () => {
      const { passed, found } = findings({ user: { passwordLastUsed: daysAgo(120) } });
      expect(passed).toBe(true);
      expect(found).toEqual([
        ["drill-overdue", "warn", "iam:user/EmergencyAccess", "drill overdue: EmergencyAccess's password was last used on 2026-08-01 and set on 2026-05-13, more than 90 days ago: run the break-glass drill (README)"],
      ]);
    });
    it("warns for a password never used", () => {
      expect(findings({ user: {} }).found[0][3]).toMatch(/^drill overdue: EmergencyAccess's password was never used and set on 2026-05-13/);
    });
    it("counts a recent rotation as a fresh password", () => {
      expect(findings({ user: {}, loginProfile: { createDate: daysAgo(5), passwordResetRequired: false } }).found).toEqual([]);
    });
  });

  describe("drill-alert-rules", () => {
    const [signIn, activity, tamper, forward] = allGood.rules;
    it("denies a Region without its rule", () => {
      expect(findings({ rules: [signIn, activity, tamper, { ...forward, found: false, state: undefined, targets: [] }] }).found).toEqual([
        ["drill-alert-rules", "deny", "events:eu-west-1:rule/EmergencyAccessGroup-forward", "no rule EmergencyAccessGroup-forward in eu-west-1: deploy the stack with eu-west-1 in alerts.regions"],
      ]);
    });
    it("denies a disabled rule", () => {
      expect(findings({ rules: [{ ...signIn, state: "DISABLED" }, activity, tamper, forward] }).found).toEqual([
        ["drill-alert-rules", "deny", "events:us-east-1:rule/EmergencyAccessGroup-sign-in", "EmergencyAccessGroup-sign-in in us-east-1 is DISABLED: deploy the stack to enable it"],
      ]);
    });
    it("denies a rule that targets something else", () => {
      const found = findings({ rules: [signIn, activity, tamper, { ...forward, targets: ["arn:aws:sqs:eu-west-1:123456789012:probe"] }] }).found;
      expect(found).toEqual([
        [
          "drill-alert-rules",
          "deny",
          "events:eu-west-1:rule/EmergencyAccessGroup-forward",
          `EmergencyAccessGroup-forward in eu-west-1 does not target ${BUS} (it targets arn:aws:sqs:eu-west-1:123456789012:probe): deploy the stack`,
        ],
      ]);
    });
    it("warns about a rule that leaves read-only calls out", () => {
      expect(findings({ rules: [signIn, { ...activity, state: "ENABLED" }, tamper, forward] })).toEqual({
        passed: true,
        found: [
          [
            "drill-alert-rules",
            "warn",
            "events:us-east-1:rule/EmergencyAccessGroup-activity",
            "EmergencyAccessGroup-activity in us-east-1 is ENABLED, which leaves out read-only calls: deploy the stack (state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS)",
          ],
        ],
      });
    });
  });

  describe("drill-alert-subscription", () => {
    it("denies a subscription pending confirmation, even beside a confirmed one", () => {
      const { found } = findings({ subscriptions: [...allGood.subscriptions!, { protocol: "email", endpoint: "oncall@example.com", confirmed: false }] });
      expect(found).toEqual([
        ["drill-alert-subscription", "deny", `sns:${TOPIC}`, "the email subscription oncall@example.com is PendingConfirmation: confirm it from the first message SNS sent (or resend with a new subscription)"],
      ]);
    });
    it("denies a topic with only a pending subscription, twice: pending, and none confirmed", () => {
      expect(findings({ subscriptions: [{ protocol: "email", endpoint: "security@example.com", confirmed: false }] }).found.map((f) => f[3])).toEqual([
        expect.stringContaining("PendingConfirmation"),
        `${TOPIC} has no confirmed subscription, so no one receives the alerts: subscribe someone and confirm`,
      ]);
    });
    it("denies a topic with no subscription, or no topic at all", () => {
      expect(findings({ subscriptions: [] }).passed).toBe(false);
      expect(findings({ topicArn: undefined, subscriptions: undefined }).found).toEqual([
        ["drill-alert-subscription", "deny", "events:us-east-1:rule", expect.stringMatching(/^no alert topic found/)],
      ]);
    });
  });

  describe("drill-cloudtrail", () => {
    const trail = allGood.trails[0];
    it.each([
      ["no trail", [], "no multi-Region trail is logging management events: create one, or start logging (aws cloudtrail start-logging)"],
      ["a trail that stopped logging", [{ ...trail, logging: false }], "no multi-Region trail is logging management events; found org-trail (all Regions, not logging): create one, or start logging (aws cloudtrail start-logging)"],
      ["a single-Region trail", [{ ...trail, multiRegion: false }], "no multi-Region trail is logging management events; found org-trail (only us-east-1, logging): create one, or start logging (aws cloudtrail start-logging)"],
      ["a trail without management events", [{ ...trail, managementEvents: false }], expect.stringContaining("no management events")],
    ])("denies %s", (_, trails, message) => {
      expect(findings({ trails: trails as DrillSnapshot["trails"] }).found).toEqual([["drill-cloudtrail", "deny", "cloudtrail:trail", message]]);
    });
  });

  it("reports in every format, JUnit counting only denies as failures", () => {
    const result = runDrill({ ...allGood, mfaDevices: 0, user: {} }, options);
    const junit = formatResult(result, "junit", { tool: "break-glass-drill", stacks: ["123456789012"], rules: DRILL_CHECKS });
    expect(junit).toContain('tests="8" failures="1"');
    const sarif = JSON.parse(formatResult(result, "sarif", { tool: "break-glass-drill", stacks: ["123456789012"], rules: DRILL_CHECKS }));
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(DRILL_CHECKS.map((c) => c.id));
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toEqual(["drill-mfa-device error", "drill-overdue warning"]);
  });
});
