using FedUnlearn.Client.Storage.Internal;

namespace FedUnlearn.Client.Storage;

/// <summary>
/// The client's durable record of the forget requests it issued. A request is stored, and its
/// samples tombstoned, in one transaction before anything is sent; a request not yet acknowledged
/// (<see cref="LocalForgetState.Pending"/>) is re-sent after a restart, which is safe because the
/// server deduplicates by request id. Sample ids never leave this store except to local unlearning.
/// Obtain it from <see cref="ClientStore.ForgetRequests"/>. Thread-safe.
/// </summary>
public sealed partial class LocalForgetRequests
{
    /// <summary>Longest request id accepted (it travels in every resend and is the server's dedup key).</summary>
    public const int MaxRequestIdLength = 128;

    private readonly SqliteDatabase _database;
    private readonly SqliteTombstoneStore _tombstones;

    internal LocalForgetRequests(SqliteDatabase database, SqliteTombstoneStore tombstones)
    {
        _database = database;
        _tombstones = tombstones;
    }

    /// <summary>The request with <paramref name="requestId"/>, or null.</summary>
    public ValueTask<LocalForgetRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return _database.ReadAsync(c => ForgetRequestRows.FindById(c, requestId), cancellationToken);
    }

    /// <summary>The request the server acknowledged with <paramref name="ticketId"/>, or null (e.g. to serve an unlearn task).</summary>
    public ValueTask<LocalForgetRequest?> FindByTicketAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return _database.ReadAsync(c => ForgetRequestRows.FindByTicket(c, ticketId), cancellationToken);
    }

    /// <summary>The distinct sample ids attached to <paramref name="requestId"/>, ascending (empty for an unknown id).</summary>
    public ValueTask<long[]> GetSampleIdsAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return _database.ReadAsync(c => ForgetRequestRows.SampleIds(c, requestId), cancellationToken);
    }

    /// <summary>Requests persisted but not yet acknowledged by the server, oldest first: send these on (re)connect.</summary>
    public async ValueTask<IReadOnlyList<LocalForgetRequest>> ListPendingAsync(CancellationToken cancellationToken = default) =>
        await ListAsync(LocalForgetState.Pending, cancellationToken).ConfigureAwait(false);

    /// <summary>Requests in <paramref name="state"/>, or all of them when null, oldest first.</summary>
    public async ValueTask<IReadOnlyList<LocalForgetRequest>> ListAsync(
        LocalForgetState? state = null, CancellationToken cancellationToken = default)
    {
        if (state is { } s && !Enum.IsDefined(s)) throw new ArgumentOutOfRangeException(nameof(state), s, "Unknown forget state.");
        return await _database.ReadAsync(c => ForgetRequestRows.List(c, state), cancellationToken).ConfigureAwait(false);
    }
}
