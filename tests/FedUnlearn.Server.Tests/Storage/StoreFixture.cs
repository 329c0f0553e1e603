using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Tests.Storage;

/// <summary>A store in its own temp directory, removed afterwards; fake time starting at a known instant.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private readonly List<FederationStore> _opened = [];
    private readonly TempDirectory _directory = new("fedunlearn-store-tests-");

    public StoreFixture(int retainedDeltaRounds = 10) =>
        Options = new StoreOptions { DataDirectory = Directory, RetainedDeltaRounds = retainedDeltaRounds };

    public static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public string Directory => _directory.Path;

    public StoreOptions Options { get; }

    public ManualTimeProvider Time { get; } = new(Start);

    public async Task<FederationStore> OpenAsync()
    {
        var store = await FederationStore.OpenAsync(Options, Time);
        _opened.Add(store);
        return store;
    }

    /// <summary>A raw connection to the same database, as another process would have.</summary>
    public SqliteConnection RawConnection()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, FederationStore.DatabaseFileName)};Pooling=False");
        connection.Open();
        return connection;
    }

    public static ParameterSet Params(params float[] values) =>
        new([new ParameterTensor("fc1.lora_B", [values.Length], values)]);

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        _directory.Dispose();
    }
}
