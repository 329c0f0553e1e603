#!/usr/bin/python3
"""Reads a `fedunlearn simulate` results.json: the summed wall time of the training rounds and the
last round's test accuracy, as `wall_s=... final_test_acc=... rounds=...`."""
import json, sys

r = json.load(open(sys.argv[1]))
rounds = r["rounds"]
per = ",".join("%.2f" % x["wallTimeSeconds"] for x in rounds)
wall = sum(x["wallTimeSeconds"] for x in rounds)
print(f"wall_s={wall:.3f} final_test_acc={rounds[-1]['testAccuracy']:.4f} rounds={len(rounds)} "
      f"per_round_s={per}")
