namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>
/// Simulations seed libtorch's global generator and set its thread count: they run one at a time,
/// never beside other torch work, so that their numbers do not depend on what else runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimulationCollection : ICollectionFixture<QuickSimulation>
{
    public const string Name = "simulation";
}
