namespace FedUnlearn.Torch.Tests.Support;

/// <summary>
/// Tests that depend on process-wide torch state run alone, after the parallel ones: the live-tensor
/// counter and RSS, and gradchecks with dropout, which re-seed the one global CPU generator and would
/// draw a different mask if another test consumed random numbers in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide torch state)";
}
