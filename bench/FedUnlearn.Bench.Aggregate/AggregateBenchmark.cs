using System.Diagnostics;
using System.Globalization;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.FedAvg;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Bench.Aggregate;

/// <summary>
/// Throughput of folding client deltas into FedAvg's running sum through the public
/// <c>IUpdateAggregator.Add</c> (validation included: that is what a round pays per update) against a plain memory copy of the same bytes, in the same run.
/// </summary>
public static class AggregateBenchmark
{
    /// <summary>Runs the benchmark; args: [adapterMiB] [updates] [repetitions].</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var mib = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 16;
        var updates = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var repetitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;

        // A LoRA-like adapter: 64 tensors sharing the bytes, 4 distinct deltas cycled through.
        const int tensors = 64;
        var perTensor = mib * (1 << 20) / sizeof(float) / tensors;
        var global = MakeSet(tensors, perTensor, new Random(1), 1f);
        var deltas = Enumerable.Range(0, 4).Select(i => MakeSet(tensors, perTensor, new Random(10 + i), 0.01f)).ToArray();
        var copyTarget = global.ZerosLike();
        var bytes = (double)updates * global.ElementCount * sizeof(float);
        var round = new RoundContext(1, 0, global);
        var strategy = new FedAvgStrategy();

        double Aggregate()
        {
            var watch = Stopwatch.StartNew();
            var aggregator = strategy.CreateAggregator(round);
            for (var u = 0; u < updates; u++)
                if (!aggregator.Add(new ClientUpdate($"c{u}", 10 + u, deltas[u % deltas.Length])).IsValid)
                    throw new InvalidOperationException("benchmark update rejected");
            aggregator.Result();
            return watch.Elapsed.TotalSeconds;
        }

        double Copy()
        {
            var watch = Stopwatch.StartNew();
            for (var u = 0; u < updates; u++)
            {
                var source = deltas[u % deltas.Length];
                for (var t = 0; t < source.Count; t++) source[t].Data.AsSpan().CopyTo(copyTarget[t].Data);
            }
            return watch.Elapsed.TotalSeconds;
        }

        double Validate()
        {
            var validator = new UpdateValidator();
            var watch = Stopwatch.StartNew();
            for (var u = 0; u < updates; u++) validator.Validate(global, new ClientUpdate($"c{u}", 10, deltas[u % deltas.Length]));
            return watch.Elapsed.TotalSeconds;
        }

        double Overhead()
        {
            var watch = Stopwatch.StartNew();
            strategy.CreateAggregator(round).Result();
            return watch.Elapsed.TotalSeconds;
        }

        // Warm-up (JIT tiers, page faults), then interleaved repetitions; best of each, as drift only slows.
        Aggregate(); Copy(); Validate();
        double aggregate = double.MaxValue, copy = double.MaxValue, validate = double.MaxValue, overhead = double.MaxValue;
        var paired = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            var c = Copy();
            var a = Aggregate();
            paired.Add(c / a);
            copy = Math.Min(copy, c);
            aggregate = Math.Min(aggregate, a);
            validate = Math.Min(validate, Validate());
            overhead = Math.Min(overhead, Overhead());
        }
        paired.Sort();

        string Rate(double seconds) => (bytes / seconds / (1 << 20)).ToString("F0", CultureInfo.InvariantCulture);
        var ratio = copy / aggregate;
        Console.WriteLine(FormattableString.Invariant(
            $"adapter {mib} MiB in {tensors} tensors, {updates} deltas folded, best of {repetitions}"));
        Console.WriteLine($"memcpy (Span.CopyTo)        {Rate(copy),8} MiB/s");
        Console.WriteLine($"fedavg add (checked fold)   {Rate(aggregate),8} MiB/s");
        Console.WriteLine(FormattableString.Invariant(
            $"  per repetition (copy/add, same repetition): median {paired[paired.Count / 2]:F2}, range {paired[0]:F2}-{paired[^1]:F2}"));
        Console.WriteLine($"standalone UpdateValidator  {Rate(validate),8} MiB/s");
        Console.WriteLine(FormattableString.Invariant($"  per-round create+result   {overhead * 1000,8:F1} ms"));
        const int clients = 50, rounds = 5;
        var roundMs = await RoundOverheadBenchmark.MeasureAsync(clients, rounds, warmup: 2);
        Console.WriteLine(FormattableString.Invariant(
            $"round with {clients} zero-compute clients on loopback, mean of {rounds}: {roundMs,8:F1} ms (slowest client's compute: 0)"));
        Console.WriteLine(FormattableString.Invariant($"RESULT agg_vs_memcpy={ratio:F2} round_overhead_ms={roundMs:F1}"));
        return 0;
    }

    private static ParameterSet MakeSet(int tensors, int perTensor, Random random, float scale)
    {
        var set = new ParameterSet();
        for (var t = 0; t < tensors; t++)
        {
            var data = new float[perTensor];
            for (var i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1) * scale;
            set.Add($"layers.{t / 2}.lora_{(t % 2 == 0 ? 'A' : 'B')}", [perTensor / 8, 8], data);
        }
        return set;
    }
}
