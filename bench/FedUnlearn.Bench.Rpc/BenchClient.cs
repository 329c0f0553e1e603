using System.Diagnostics;
using System.Globalization;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Protos;
using Google.Protobuf;

namespace FedUnlearn.Bench.Rpc;

/// <summary>
/// Sequential unary round trips (latency) and a 1 MiB-chunk client stream (throughput): prints the
/// best round and every round's MiB/s, for the run script to pool over runs.
/// </summary>
internal static class BenchClient
{
    public static async Task<int> RunAsync(Uri address, BenchSettings settings)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { Transport = settings.Transport });
        var request = new EchoRequest { Text = "ping-0123456789" };
        for (int i = 0; i < settings.WarmupCalls; i++)
        {
            await channel.UnaryAsync(BenchServer.Unary, request).ConfigureAwait(false);
        }

        double[] micros = new double[settings.Calls];
        for (int i = 0; i < settings.Calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await channel.UnaryAsync(BenchServer.Unary, request).ConfigureAwait(false);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        byte[] chunk = new byte[BenchSettings.ChunkSize];
        Random.Shared.NextBytes(chunk);
        var message = new EchoRequest { Payload = UnsafeByteOperations.UnsafeWrap(chunk) };
        await UploadAsync(channel, message, 8).ConfigureAwait(false); // warm-up
        double[] rounds = new double[settings.Rounds];
        var cpu = new CpuMeter(settings.ServerPid);
        for (int round = 0; round < settings.Rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            await UploadAsync(channel, message, settings.Megabytes).ConfigureAwait(false);
            rounds[round] = settings.Megabytes / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        int streamed = settings.Megabytes * settings.Rounds;
        string perRound = string.Join(',', rounds.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p50_us={Percentile(micros, 0.50):F1} p99_us={Percentile(micros, 0.99):F1} throughput_mibps={rounds.Max():F1} rounds_mibps={perRound} {cpu.Report(streamed)}"));
        return 0;
    }

    private static async Task UploadAsync(GrpcChannel channel, EchoRequest message, int chunks)
    {
        using ClientStreamingCall<EchoRequest, EchoReply> call = channel.ClientStreamingCall(BenchServer.Collect);
        for (int i = 0; i < chunks; i++)
        {
            await call.RequestStream.WriteAsync(message).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        EchoReply reply = await call.ResponseAsync.ConfigureAwait(false);
        if (reply.TotalBytes != (long)chunks * BenchSettings.ChunkSize)
        {
            throw new InvalidOperationException($"server counted {reply.TotalBytes} bytes, expected {(long)chunks * BenchSettings.ChunkSize}");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
