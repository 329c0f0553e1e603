using System.Diagnostics;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// What a run cost: wall time and the CPU time of this process. The benchmark computes on one thread
/// (one libtorch intra-op thread, OpenBLAS pinned to one), so CPU time is the work done, and unlike
/// wall time it barely moves when other processes load a shared machine: speed-ups are CPU-time ratios.
/// </summary>
/// <param name="Wall">Elapsed wall time.</param>
/// <param name="Cpu">CPU time of the whole process (all its threads, GC and JIT included).</param>
internal readonly record struct Cost(TimeSpan Wall, TimeSpan Cpu)
{
    /// <summary>Runs <paramref name="work"/> and returns its result with its cost.</summary>
    public static (T Result, Cost Cost) Measure<T>(Func<T> work)
    {
        var cpu = CpuNow();
        var clock = Stopwatch.StartNew();
        var result = work();
        return (result, new Cost(clock.Elapsed, CpuNow() - cpu));
    }

    /// <summary>How many times cheaper this run was than <paramref name="reference"/>, in CPU time.</summary>
    public double SpeedUpOver(Cost reference) => reference.Cpu / Cpu;

    private static TimeSpan CpuNow()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
