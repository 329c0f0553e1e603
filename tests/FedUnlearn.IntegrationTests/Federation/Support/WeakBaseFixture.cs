using FedUnlearn.IntegrationTests.Forgetting.Support;

namespace FedUnlearn.IntegrationTests.Federation.Support;

/// <summary>
/// The forgetting tests' synthetic data with a base MLP pre-trained for a single epoch on the public
/// split: it is far from what the data allows, so federated training has something to add.
/// </summary>
public sealed class WeakBaseFixture : IAsyncLifetime
{
    public const int PretrainEpochs = 1;

    private readonly TempDirectory _directory = new("fedunlearn-e2e-weak-base");
    private SyntheticFederation? _data;

    internal SyntheticFederation Data => _data ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _data = await SyntheticFederation.CreateAsync(_directory.Path, PretrainEpochs);

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
