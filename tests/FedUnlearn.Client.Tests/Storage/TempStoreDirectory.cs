using FedUnlearn.Client.Storage;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Tests.Storage;

/// <summary>A fresh data directory per test, removed afterwards, plus helpers to open stores in it.</summary>
internal sealed class TempStoreDirectory : IDisposable
{
    private readonly TempDirectory _directory = new("fedunlearn-store-");

    public string Path => _directory.Path;

    public string StoreFile => _directory.File(ClientStore.FileName);

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public ValueTask<ClientStore> OpenAsync() => ClientStore.OpenAsync(Path, Time);

    /// <summary>Runs raw SQL against the closed store file, to set up states the API cannot produce.</summary>
    public void ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={StoreFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _directory.Dispose();
}
