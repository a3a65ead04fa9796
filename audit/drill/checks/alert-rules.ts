import { DrillCheck } from "../snapshot";

const ALL_EVENTS = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

export const alertRules: DrillCheck = {
  id: "drill-alert-rules",
  title: "The alert rules exist, are enabled and target the topic in every watched Region",
  rationale: "CloudTrail records a sign-in in the Region of its endpoint and a call in the Region it was made: a Region without its rule is a use nobody hears of.",
  severity: "deny",
  check(s) {
    return s.rules.flatMap((r) => {
      const address = `events:${r.region}:rule/${r.name}`;
      if (!r.found) return [{ severity: "deny" as const, address, message: `no rule ${r.name} in ${r.region}: deploy the stack with ${r.region} in alerts.regions` }];
      if (r.state !== "ENABLED" && r.state !== ALL_EVENTS) {
        return [{ severity: "deny" as const, address, message: `${r.name} in ${r.region} is ${r.state ?? "in an unknown state"}: deploy the stack to enable it` }];
      }
      const findings = [];
      if (!r.targets.includes(r.expectedTarget)) {
        findings.push({ severity: "deny" as const, address, message: `${r.name} in ${r.region} does not target ${r.expectedTarget} (it targets ${r.targets.join(", ") || "nothing"}): deploy the stack` });
      }
      if (r.state === "ENABLED") {
        findings.push({ severity: "warn" as const, address, message: `${r.name} in ${r.region} is ENABLED, which leaves out read-only calls: deploy the stack (state ${ALL_EVENTS})` });
      }
      return findings;
    });
  },
};
