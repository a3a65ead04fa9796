import { activityPattern, forwardPattern, signInPattern, tamperPattern, WatchedIdentity } from "../../modules/alerts/patterns";
import { motoMissing } from "../../testing/moto";
import { ACCOUNT, GROUP, MUST_MATCH, MUST_NOT_MATCH, USER, USER_ARN } from "../fixtures/cloudtrail-events";
import { matchAll } from "../helpers/event-pattern";

const who: WatchedIdentity = { accountId: ACCOUNT, userName: USER, userArn: USER_ARN, groupName: GROUP };
const home = { signIn: signInPattern(who), activity: activityPattern(who), tamper: tamperPattern(who) };
const forwardWithTamper = forwardPattern(who, true);
const forwardWithoutTamper = forwardPattern(who, false);

const patterns = [home.signIn, home.activity, home.tamper, forwardWithTamper, forwardWithoutTamper];
const events: object[] = [...Object.values(MUST_MATCH).map(([, e]) => e), ...Object.values(MUST_NOT_MATCH)];
let answers: boolean[] = [];

// Which patterns match an event, as EventBridge's matching (moto's implementation of it) decides.
// One Python process answers every pair, in beforeAll.
function verdicts(event: object): { home: string[]; forward: boolean; forwardWithoutTamper: boolean } {
  const row = events.indexOf(event) * patterns.length;
  const a = answers.slice(row, row + patterns.length);
  return { home: Object.keys(home).filter((_, i) => a[i]), forward: a[3], forwardWithoutTamper: a[4] };
}

const describeWithMoto = motoMissing() ? describe.skip : describe;

describeWithMoto("alert event patterns on AWS's sample CloudTrail events", () => {
  beforeAll(() => {
    const renamed = { ...MUST_MATCH["sign-in success in eu-west-1"][1], "detail-type": "Some Future Name" };
    events.push(renamed);
    answers = matchAll(events.flatMap((e) => patterns.map((p): [object, object] => [p, e])));
  });

  it("the matcher itself tells a match from a miss", () => {
    expect(matchAll([[{ source: ["a"] }, { source: "a" }], [{ source: ["a"] }, { source: "b" }]])).toEqual([true, false]);
  });

  it.each(Object.entries(MUST_MATCH))("%s: exactly its home rule matches, and the forwarding rules pass it on", (_, [rule, event]) => {
    const v = verdicts(event);
    expect(v.home).toEqual([rule]);
    expect(v.forward).toBe(true);
    // Tamper events arrive only in IAM's Region; elsewhere the forwarding rule needs no tamper pattern.
    expect(v.forwardWithoutTamper).toBe(rule !== "tamper");
  });

  it.each(Object.entries(MUST_NOT_MATCH))("%s: no rule matches", (_, event) => {
    expect(verdicts(event)).toEqual({ home: [], forward: false, forwardWithoutTamper: false });
  });

  it("does not depend on the detail-type's spelling", () => {
    for (const p of [home.signIn, home.activity, home.tamper, forwardWithTamper]) expect(JSON.stringify(p)).not.toContain("detail-type");
    expect(verdicts(events[events.length - 1]).home).toEqual(["signIn"]);
  });
});
