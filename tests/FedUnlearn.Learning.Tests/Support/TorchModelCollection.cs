namespace FedUnlearn.Learning.Tests.Support;

/// <summary>
/// Tests that build models (<see cref="TinyTask.Model"/> initialises layers from libtorch's process-wide
/// generator before overwriting them) run outside the parallel phase, so they never draw numbers
/// between another test's <c>torch.manual_seed</c> and its seeded initialisation.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchModelCollection
{
    public const string Name = "Torch models (serial)";
}
