using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Storage.Internal;

/// <summary>Turns SQLite's result codes at open time into messages an operator can act on.</summary>
internal static class StoreErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    public static ClientStoreException Describe(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        NotADatabase or Corrupt => new ClientStoreException(path,
            $"Client store '{path}' is not a valid SQLite database or is corrupted ({ex.Message}). " +
            "Restore it from a backup or move it aside; tombstones recorded in it cannot be recovered from elsewhere.", ex),
        Busy or Locked => InUse(path, ex),
        _ => new ClientStoreException(path, $"Client store '{path}' could not be opened: {ex.Message}", ex),
    };

    public static ClientStoreException InUse(string path, Exception ex) => new(path,
        $"Client store '{path}' is in use by another FedUnlearn client; each client needs its own data directory.", ex);
}
