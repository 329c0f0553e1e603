using System.Globalization;
using FedUnlearn.Rpc.Client;

namespace FedUnlearn.Bench.Rpc;

/// <summary>The workload, identical for our client and the grpcio reference.</summary>
internal sealed record BenchSettings(int Calls, int WarmupCalls, int Megabytes, int Rounds, int ServerPid, HttpTransport Transport)
{
    public const int ChunkSize = 1024 * 1024;

    public static BenchSettings FromArgs(string[] args)
    {
        Dictionary<string, string> raw = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        HttpTransport transport = raw.Remove("transport", out string? name) ? Enum.Parse<HttpTransport>(name, ignoreCase: true) : new GrpcChannelOptions().Transport;
        var values = raw.ToDictionary(p => p.Key, p => int.Parse(p.Value, CultureInfo.InvariantCulture));
        return new BenchSettings(
            values.GetValueOrDefault("calls", 2000),
            values.GetValueOrDefault("warmup", 500),
            values.GetValueOrDefault("megabytes", 64),
            values.GetValueOrDefault("rounds", 3),
            values.GetValueOrDefault("server_pid", 0),
            transport);
    }
}
