namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>Builds the shared data and base model once for the whole Forgetting collection.</summary>
public sealed class FederationFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("fedunlearn-e2e-base");
    private SyntheticFederation? _data;

    internal SyntheticFederation Data => _data ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync() => _data = await SyntheticFederation.CreateAsync(_directory.Path);

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
