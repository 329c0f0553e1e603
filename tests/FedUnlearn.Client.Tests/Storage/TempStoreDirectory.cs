using FedUnlearn.Client.Storage;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Tests.Storage;

/// <summary>A fresh data directory per test, removed afterwards, plus helpers to open stores in it.</summary>
internal sealed class TempStoreDirectory : IDisposable
{
    public TempStoreDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fedunlearn-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string StoreFile => System.IO.Path.Combine(Path, ClientStore.FileName);

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail the test that made it.
        }
    }
}
