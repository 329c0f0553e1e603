namespace FedUnlearn.Torch.Tests.Support;

/// <summary>
/// Tests that read process-wide counters (live tensors, RSS) run alone, after the parallel ones,
/// so that tensors of other tests do not move the numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide counters)";
}
