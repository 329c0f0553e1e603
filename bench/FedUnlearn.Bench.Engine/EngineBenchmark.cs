using System.Diagnostics;
using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Bench.Engine;

/// <summary>
/// Times the LoRA training step of bench/engine/reference.py in our engine: the same models (LoRA rank 8,
/// alpha 16, base frozen), the same 32 cycled synthetic batches (64 samples by default), zero_grad → forward →
/// cross_entropy → backward → AdamW(lr 1e-3, weight decay 0.01); the fastest of 10 timed chunks is reported.
/// </summary>
internal static class EngineBenchmark
{
    private const int Batches = 32;
    private const int Chunks = 10;

    public static int Run(EngineBenchOptions options, TextWriter output)
    {
        if (options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        output.WriteLine($"# fedunlearn intra-op threads {torch.get_num_threads()}, openblas pinned to one thread: {torch.blas_single_threaded}");
        foreach (var name in options.Models)
        {
            var (spec, shape, steps) = name switch
            {
                "mlp" => (ModelSpec.Mlp(LoRASpec.For(ModelKind.Mlp, rank: 8, alpha: 16)), new long[] { options.Batch, 784 }, options.MlpSteps),
                "vit" => (ModelSpec.Vit(LoRASpec.For(ModelKind.Vit, rank: 8, alpha: 16)), new long[] { options.Batch, 1, 28, 28 }, options.VitSteps),
                _ => throw new ArgumentException($"Unknown model '{name}'; expected mlp or vit."),
            };
            var (rate, bytes) = Measure(spec, shape, steps, options.Warmup);
            output.WriteLine($"{name} steps_per_s={rate:F2} ms_per_step={1000.0 / rate:F4} managed_bytes_per_step={bytes:F0}");
        }

        return 0;
    }

    // Returns steps per second and managed bytes allocated per step on this thread.
    private static (double Rate, double Bytes) Measure(ModelSpec spec, long[] shape, int steps, int warmup)
    {
        using var model = ModelFactory.Create(spec, seed: 0);
        var xs = Enumerable.Range(0, Batches).Select(_ => torch.randn(shape).DetachFromDisposeScope()).ToArray();
        var ys = Enumerable.Range(0, Batches).Select(_ => torch.randint(0, 10, [shape[0]]).DetachFromDisposeScope()).ToArray();
        using var optimizer = torch.optim.AdamW(model.parameters(trainableOnly: true), lr: 1e-3, weight_decay: 0.01);
        for (var i = 0; i < warmup; i++)
        {
            Step(model, optimizer, xs[i % Batches], ys[i % Batches]);
        }

        // The timed steps run in chunks and the fastest chunk is reported (as reference.py does), so a
        // burst of load from other processes on a shared machine does not count against either engine.
        var perChunk = Math.Max(1, steps / Chunks);
        var rate = 0.0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var c = 0; c < Chunks; c++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < perChunk; i++)
            {
                var k = (c * perChunk) + i;
                Step(model, optimizer, xs[k % Batches], ys[k % Batches]);
            }

            rate = Math.Max(rate, perChunk / clock.Elapsed.TotalSeconds);
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)(perChunk * Chunks);
        foreach (var t in xs.Concat(ys))
        {
            t.Dispose();
        }

        return (rate, bytes);
    }

    private static void Step(ClassifierModel model, Optimizer optimizer, Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        F.cross_entropy(model.forward(x), y).backward();
        optimizer.step();
    }
}
