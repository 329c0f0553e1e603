"""The verdict of bench/run rpc: pools every run of each side and compares medians.

  verdict.py LOAD WORKDIR SIDE...   reads WORKDIR/SIDE.N.result (the client's key=value line) and
                                    WORKDIR/SIDE.N.cpu (client + server CPU seconds of that run)

Each side's statistic is computed the same way: throughput = the median of all its timed rounds
over all its runs, unary p50/p99 = the median of its runs' percentiles, CPU per MiB = the median
of its runs' figures. Medians shrug off the rounds a busy machine or a cold JIT spoils on either
side; the best round is printed too, as before.
"""
import glob
import statistics
import sys


def parse(path):
    with open(path) as f:
        line = f.read().strip().splitlines()[-1]
    return dict(pair.split("=", 1) for pair in line.split())


def side_stats(workdir, side):
    runs = [parse(p) for p in sorted(glob.glob("%s/%s.*.result" % (workdir, side)))]
    if not runs:
        return None
    rounds = [float(v) for run in runs for v in run["rounds_mibps"].split(",")]
    cpu = [float(open(p).read()) for p in sorted(glob.glob("%s/%s.*.cpu" % (workdir, side)))]

    def median(key):
        return statistics.median(float(run[key]) for run in runs) if key in runs[0] else float("nan")

    return {
        "runs": len(runs), "rounds": len(rounds),
        "median_mibps": statistics.median(rounds), "best_mibps": max(rounds),
        "q1_mibps": statistics.quantiles(rounds, n=4)[0] if len(rounds) > 1 else rounds[0],
        "q3_mibps": statistics.quantiles(rounds, n=4)[2] if len(rounds) > 1 else rounds[0],
        "p50_us": median("p50_us"), "p99_us": median("p99_us"),
        "client_ms": median("client_ms_per_mib"), "server_ms": median("server_ms_per_mib"),
        "cpu_s": sum(cpu),
    }


def main():
    load, workdir, sides = sys.argv[1], sys.argv[2], sys.argv[3:]
    labels = {"ours": "ours (Http2Client)", "sockets": "ours (SocketsHttpHandler)", "grpcio": "python grpcio 1.51"}
    stats = {side: side_stats(workdir, side) for side in sides}
    row = "%-26s %5s %8s %8s %22s %10s %14s %14s %7s"
    print(row % ("side", "runs", "p50_us", "p99_us", "MiB/s median [q1-q3]", "best", "client_ms/MiB", "server_ms/MiB", "cpu_s"))
    for side, s in stats.items():
        if s:
            print(row % (labels.get(side, side), s["runs"], "%.1f" % s["p50_us"], "%.1f" % s["p99_us"],
                         "%.0f [%.0f-%.0f]" % (s["median_mibps"], s["q1_mibps"], s["q3_mibps"]), "%.0f" % s["best_mibps"],
                         "%.3f" % s["client_ms"], "%.3f" % s["server_ms"], "%.2f" % s["cpu_s"]))
    ours, theirs, sockets = stats["ours"], stats["grpcio"], stats.get("sockets")
    result = ["throughput_ratio=%.2f" % (ours["median_mibps"] / theirs["median_mibps"]),
              "p50_ratio=%.2f" % (ours["p50_us"] / theirs["p50_us"]),
              "best_throughput_ratio=%.2f" % (ours["best_mibps"] / theirs["best_mibps"]),
              "server_cpu_ratio=%.2f" % (ours["server_ms"] / theirs["server_ms"]),
              "client_cpu_ratio=%.2f" % (ours["client_ms"] / theirs["client_ms"]),
              "cpu_ratio=%.2f" % (ours["cpu_s"] / theirs["cpu_s"])]
    if sockets:
        result += ["sockets_throughput_ratio=%.2f" % (sockets["median_mibps"] / theirs["median_mibps"]),
                   "sockets_p50_ratio=%.2f" % (sockets["p50_us"] / theirs["p50_us"])]
    print("RESULT " + " ".join(result) + " rounds=%d load=%s" % (ours["rounds"], load))


if __name__ == "__main__":
    main()
