#!/usr/bin/python3
"""Reads a `fedunlearn simulate` results.json: the summed wall time of the training rounds and the
last round's test accuracy, as `wall_s=... steady_s=... final_test_acc=... rounds=...`
(steady_s: rounds 2 to the last, without the first round's warm-up)."""
import json, sys

r = json.load(open(sys.argv[1]))
rounds = r["rounds"]
per = ",".join("%.2f" % x["wallTimeSeconds"] for x in rounds)
wall = sum(x["wallTimeSeconds"] for x in rounds)
steady = sum(x["wallTimeSeconds"] for x in rounds[1:])
print(f"wall_s={wall:.3f} steady_s={steady:.3f} final_test_acc={rounds[-1]['testAccuracy']:.4f} rounds={len(rounds)} "
      f"per_round_s={per}")
