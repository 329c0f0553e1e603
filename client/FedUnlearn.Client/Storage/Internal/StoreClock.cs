namespace FedUnlearn.Client.Storage.Internal;

/// <summary>Timestamps as Unix milliseconds: exact, sortable, and readable by any SQLite tool.</summary>
internal static class StoreClock
{
    public static long Now(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static DateTimeOffset ToTime(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
