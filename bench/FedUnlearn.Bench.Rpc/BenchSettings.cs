using System.Globalization;

namespace FedUnlearn.Bench.Rpc;

/// <summary>The workload, identical for our client and the grpcio reference.</summary>
internal sealed record BenchSettings(int Calls, int WarmupCalls, int Megabytes, int Rounds, int ServerPid)
{
    public const int ChunkSize = 1024 * 1024;

    public static BenchSettings FromArgs(string[] args)
    {
        var values = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        return new BenchSettings(
            values.GetValueOrDefault("calls", 2000),
            values.GetValueOrDefault("warmup", 500),
            values.GetValueOrDefault("megabytes", 64),
            values.GetValueOrDefault("rounds", 3),
            values.GetValueOrDefault("server_pid", 0));
    }
}
