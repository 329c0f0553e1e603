using System.Runtime.InteropServices;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>What a reader needs to reproduce or judge the numbers: seed, versions, machine, data actually used.</summary>
public sealed record EnvironmentInfo
{
    /// <summary>The scenario seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>FedUnlearn version.</summary>
    public string FedUnlearnVersion { get; init; } = "";

    /// <summary>.NET runtime, e.g. ".NET 10.0.0".</summary>
    public string DotNetVersion { get; init; } = "";

    /// <summary>libtorch version.</summary>
    public string LibTorchVersion { get; init; } = "";

    /// <summary>Operating system description.</summary>
    public string OperatingSystem { get; init; } = "";

    /// <summary>Logical cores of the machine.</summary>
    public int MachineCores { get; init; }

    /// <summary>Compute device of the clients, e.g. "cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The dataset actually used (auto resolved to fashion-mnist or synthetic).</summary>
    public DatasetKind Dataset { get; init; } = DatasetKind.Synthetic;

    /// <summary>This machine's .NET, OS and cores, with the versions the caller knows.</summary>
    /// <param name="seed">The scenario seed.</param>
    /// <param name="dataset">The dataset actually used.</param>
    /// <param name="fedUnlearnVersion">FedUnlearn version.</param>
    /// <param name="libTorchVersion">libtorch version.</param>
    /// <param name="device">Compute device of the clients.</param>
    public static EnvironmentInfo Capture(ulong seed, DatasetKind dataset, string fedUnlearnVersion, string libTorchVersion, string device = "cpu") => new()
    {
        Seed = seed,
        Dataset = dataset,
        FedUnlearnVersion = fedUnlearnVersion,
        LibTorchVersion = libTorchVersion,
        Device = device,
        DotNetVersion = RuntimeInformation.FrameworkDescription,
        OperatingSystem = RuntimeInformation.OSDescription,
        MachineCores = System.Environment.ProcessorCount,
    };
}
