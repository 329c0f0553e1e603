#!/usr/bin/python3
"""Reads a `fedunlearn simulate` results.json and prints, per forget request and method, the
figures next to retrain's (the reference), then one line
`RESULT <request>_<method>_<key>=<value> ...` with, for every non-reference method:
speedup (retrain's wall time / the method's), test_gap, forget_gap and mia_gap (method − retrain,
in accuracy points), forget_acc (percent) and, on backdoor requests, asr (percent) and asr_gap.
Also checks the goals in README.md and prints met/missed per method."""
import json, sys

SPEEDUP_GOAL, TEST_GAP_GOAL, ASR_GAP_GOAL, CLASS_FORGET_GOAL = 5.0, 1.5, 3.0, 5.0


def pts(x):
    return None if x is None else 100.0 * x


def fmt(x, nd=2):
    return "null" if x is None else f"{x:.{nd}f}"


def gap(a, b):
    return None if a is None or b is None else pts(a) - pts(b)


r = json.load(open(sys.argv[1]))
result, checks = [], []
print("| request | method | forget acc % | test acc % | MIA (loss) % | ASR % | time s | speed-up | test gap | ASR gap | federation's verdict |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for req in r["requests"]:
    kind = "backdoor" if req["backdoor"] else str(req["scope"]).lower()
    ref = next(m for m in req["methods"] if m["isReference"])
    for m in req["methods"]:
        speed = ref["wallTimeSeconds"] / m["wallTimeSeconds"] if m["wallTimeSeconds"] else None
        tg, fg, mg = gap(m["testAccuracy"], ref["testAccuracy"]), gap(m["forgetAccuracy"], ref["forgetAccuracy"]), gap(m["miaLoss"], ref["miaLoss"])
        ag = gap(m["attackSuccessRate"], ref["attackSuccessRate"])
        print(f"| {kind} ({req['description']}) | {m['method']} | {fmt(pts(m['forgetAccuracy']))} | {fmt(pts(m['testAccuracy']))} | "
              f"{fmt(pts(m['miaLoss']))} | {fmt(pts(m['attackSuccessRate']))} | {m['wallTimeSeconds']:.1f} | "
              f"{'ref' if m['isReference'] else fmt(speed)} | {fmt(tg)} | {fmt(ag)} | {m.get('verdict') or '—'} |")
        if m["isReference"]:
            continue
        if m["method"] == "before":  # the probe of the model before unlearning (see scenario.json)
            result.append(f"{kind}_before_forget_acc={fmt(pts(m['forgetAccuracy']))}")
            if req["backdoor"]:
                result.append(f"{kind}_before_asr={fmt(pts(m['attackSuccessRate']))}")
            continue
        key = f"{kind}_{m['method'].replace('-', '_').replace(' ', '_')}"
        values = {"speedup": speed, "forget_acc": pts(m["forgetAccuracy"]), "test_gap": tg, "forget_gap": fg, "mia_gap": mg}
        if m.get("verdict") is not None:
            values["verified"] = 1.0 if m["verdict"] == "completed" else 0.0
        if req["backdoor"]:
            values.update(asr=pts(m["attackSuccessRate"]), asr_gap=ag)
        result += [f"{key}_{k}={fmt(v, 0 if k == 'verified' else 2)}" for k, v in values.items()]
        ok = [("speed-up >= 5x", speed is not None and speed >= SPEEDUP_GOAL),
              ("test within 1.5 pts of retrain", tg is not None and abs(tg) <= TEST_GAP_GOAL)]
        if req["backdoor"]:
            ok.append(("ASR within 3 pts of retrain", ag is not None and abs(ag) <= ASR_GAP_GOAL))
        if kind == "class":
            ok.append(("forget-class acc <= 5%", m["forgetAccuracy"] is not None and pts(m["forgetAccuracy"]) <= CLASS_FORGET_GOAL))
        checks.append(f"{key}: " + ", ".join(f"{name} {'met' if v else 'MISSED'}" for name, v in ok))
print()
for c in checks:
    print("goal " + c)
print("RESULT " + " ".join(result))
