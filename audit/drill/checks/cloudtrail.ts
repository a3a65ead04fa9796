import { DrillCheck } from "../snapshot";

export const cloudTrail: DrillCheck = {
  id: "drill-cloudtrail",
  title: "A CloudTrail trail that covers every Region is logging management events",
  rationale: "EventBridge receives CloudTrail's API events only while a trail logs them (EventBridge User Guide, 'AWS service events delivered via AWS CloudTrail'); without one no alert fires.",
  severity: "deny",
  check(s) {
    const live = s.trails.filter((t) => t.multiRegion && t.logging);
    if (live.some((t) => t.managementEvents !== false)) return [];
    const seen = s.trails.map((t) => `${t.name} (${t.multiRegion ? "all Regions" : `only ${t.homeRegion}`}, ${t.logging ? "logging" : "not logging"}${t.managementEvents === false ? ", no management events" : ""})`);
    return [
      {
        severity: "deny",
        address: "cloudtrail:trail",
        message: `no multi-Region trail is logging management events${seen.length ? `; found ${seen.join(", ")}` : ""}: create one, or start logging (aws cloudtrail start-logging)`,
      },
    ];
  },
};
