import { DAY_MS, day, DrillCheck } from "../snapshot";

export const drillOverdue: DrillCheck = {
  id: "drill-overdue",
  title: "The password was used or set within the drill interval",
  rationale: "Only a sign-in proves the password works; a password nobody has tried for months may be lost, wrong or expired.",
  severity: "warn",
  check(s, o) {
    if (!s.user || !s.loginProfile) return [];
    const used = s.user.passwordLastUsed;
    const last = used && used > s.loginProfile.createDate ? used : s.loginProfile.createDate;
    if (s.now.getTime() - last.getTime() <= o.maxAgeDays * DAY_MS) return [];
    const history = used ? `last used on ${day(used)}` : "never used";
    return [
      {
        severity: "warn",
        address: `iam:user/${s.userName}`,
        message: `drill overdue: ${s.userName}'s password was ${history} and set on ${day(s.loginProfile.createDate)}, more than ${o.maxAgeDays} days ago: run the break-glass drill (README)`,
      },
    ];
  },
};
