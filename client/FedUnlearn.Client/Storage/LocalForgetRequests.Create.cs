using FedUnlearn.Client.Storage.Internal;

namespace FedUnlearn.Client.Storage;

public sealed partial class LocalForgetRequests
{
    /// <summary>
    /// Records a new forget request in state <see cref="LocalForgetState.Pending"/> and tombstones its
    /// samples, all in one transaction: when this returns, both are on disk and the samples are out
    /// of training; when it throws (bad input, a failing sample enumeration, cancellation, I/O),
    /// neither the request nor any of its tombstones exists.
    /// </summary>
    /// <returns>The stored request, with its id and distinct sample count.</returns>
    /// <exception cref="ArgumentException">A sample-scope request without samples, or an invalid request id.</exception>
    /// <exception cref="InvalidOperationException">A request with the same id already exists.</exception>
    public async ValueTask<LocalForgetRequest> CreateAsync(ForgetRequestDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(draft.Scope, nameof(draft.Scope));
        ArgumentNullException.ThrowIfNull(draft.SampleIds, nameof(draft.SampleIds));
        ArgumentNullException.ThrowIfNull(draft.Method, nameof(draft.Method));
        ArgumentNullException.ThrowIfNull(draft.Reason, nameof(draft.Reason));
        if (draft.Scope.Kind == ForgetScopeKind.Samples && draft.SampleIds.TryGetNonEnumeratedCount(out var given) && given == 0)
        {
            throw new ArgumentException("A sample-scope forget request needs at least one sample id.", nameof(draft));
        }

        var now = _database.Time.GetUtcNow();
        var requestId = draft.RequestId ?? Guid.CreateVersion7(now).ToString("N");
        ValidateRequestId(requestId);

        var (request, tombstoned) = await _database.RunAsync(tx =>
        {
            if (ForgetRequestRows.FindById(tx.Connection!, requestId, tx) is not null)
            {
                throw new InvalidOperationException($"A forget request with id '{requestId}' already exists; request ids must be unique.");
            }

            var pending = new LocalForgetRequest(requestId, draft.Scope, 0, draft.Method, draft.Reason,
                LocalForgetState.Pending, null, null, now, now, null);
            ForgetRequestRows.Insert(tx, pending);

            // One pass over the caller's ids: record them against the request, tombstone the new ones.
            var distinct = 0;
            var attached = ForgetRequestRows.InsertSamples(tx, requestId, draft.SampleIds).Select(id => { distinct++; return id; });
            var tombstoned = TombstoneRows.InsertNew(tx, attached, requestId, now.ToUnixTimeMilliseconds(), cancellationToken);

            if (draft.Scope.Kind == ForgetScopeKind.Samples && distinct == 0)
            {
                throw new ArgumentException("A sample-scope forget request needs at least one sample id.", nameof(draft));
            }

            var stored = pending with { SampleCount = distinct };
            ForgetRequestRows.Update(tx, stored);
            return (stored, tombstoned);
        }, cancellationToken).ConfigureAwait(false);

        _tombstones.Publish(tombstoned);
        return request;
    }

    private static void ValidateRequestId(string requestId)
    {
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > MaxRequestIdLength || requestId.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"Request id must be 1..{MaxRequestIdLength} characters, not blank and without control characters (got '{requestId}').",
                nameof(requestId));
        }
    }
}
