import { DrillCheck } from "../snapshot";

export const alertSubscription: DrillCheck = {
  id: "drill-alert-subscription",
  title: "The alert topic has a confirmed subscription, and none pending",
  rationale: "SNS delivers nothing to a subscription until its endpoint confirms it: an unconfirmed e-mail is an alert nobody receives.",
  severity: "deny",
  check(s) {
    if (!s.topicArn) {
      return [{ severity: "deny", address: `events:${s.homeRegion}:rule`, message: `no alert topic found: the home Region's rules are missing or target no SNS topic (pass --topic-arn, or deploy with alerts)` }];
    }
    const address = `sns:${s.topicArn}`;
    const subscriptions = s.subscriptions ?? [];
    const pending = subscriptions.filter((x) => !x.confirmed);
    const findings = pending.map((x) => ({
      severity: "deny" as const,
      address,
      message: `the ${x.protocol} subscription ${x.endpoint} is PendingConfirmation: confirm it from the first message SNS sent (or resend with a new subscription)`,
    }));
    if (!subscriptions.some((x) => x.confirmed)) {
      findings.push({ severity: "deny", address, message: `${s.topicArn} has no confirmed subscription, so no one receives the alerts: subscribe someone and confirm` });
    }
    return findings;
  },
};
