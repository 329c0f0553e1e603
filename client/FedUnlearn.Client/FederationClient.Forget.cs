using FedUnlearn.Client.Internal;
using FedUnlearn.Client.Storage;
using FedUnlearn.Rpc;

namespace FedUnlearn.Client;

public sealed partial class FederationClient
{
    /// <summary>
    /// Forgets this node's samples <paramref name="sampleIds"/>: records the request and tombstones
    /// the samples in one local transaction (from then on they never enter training), then tells the
    /// server how many samples are to be forgotten and under which request id; the ids stay here.
    /// Works offline: an unsent request stays <see cref="LocalForgetState.Pending"/> and is re-sent on the
    /// next connect. Calling again with the same <paramref name="requestId"/> and samples returns the same
    /// request (and ticket) instead of a new one.
    /// </summary>
    /// <param name="sampleIds">Local sample ids (at least one; duplicates ignored).</param>
    /// <param name="reason">Free text for the audit trail, e.g. "GDPR art. 17 request #123".</param>
    /// <param name="requestId">Your idempotency key (e.g. the ticket of your own erasure workflow); null lets the client pick one.</param>
    /// <param name="cancellationToken">Cancels the wait; once the local transaction committed, the request exists.</param>
    /// <returns>The request as stored: acknowledged with a ticket, or still pending when the server was unreachable.</returns>
    /// <exception cref="ArgumentException">No sample ids, an invalid request id, or a request id reused for other samples.</exception>
    /// <exception cref="FederationClientException">The server refused this client's token.</exception>
    public Task<LocalForgetRequest> RequestForgetAsync(IEnumerable<long> sampleIds, string reason = "", string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampleIds);
        ArgumentNullException.ThrowIfNull(reason);
        return RequestForgetAsync(ForgetRequestDraft.ForSamples(sampleIds, reason) with { RequestId = requestId }, cancellationToken);
    }

    /// <summary>
    /// Issues any kind of forget request (samples, a class, or this whole client) the same way as
    /// <see cref="RequestForgetAsync(IEnumerable{long}, string, string?, CancellationToken)"/>:
    /// persisted and tombstoned first, then sent (counts only).
    /// </summary>
    public async Task<LocalForgetRequest> RequestForgetAsync(ForgetRequestDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ThrowIfDisposed();
        var request = await FindSameRequestAsync(draft, cancellationToken).ConfigureAwait(false)
            ?? await Store.ForgetRequests.CreateAsync(draft, cancellationToken).ConfigureAwait(false);
        if (request.State != LocalForgetState.Pending) return request;
        try
        {
            return await _forget.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (RpcFailures.IsFatal(ex))
        {
            throw new FederationClientException($"The server refused client '{ClientId}': {ex.Status.Detail}. The request is kept locally.", ex);
        }
    }

    /// <summary>
    /// Asks the server where forget request <paramref name="ticketId"/> stands and records the new
    /// state locally (for a request this node issued).
    /// </summary>
    /// <exception cref="RpcException">The server is unreachable (UNAVAILABLE) or does not know the ticket (NOT_FOUND).</exception>
    /// <exception cref="FederationClientException">The server refused this client's token.</exception>
    public async Task<ForgetRequestStatus> GetForgetStatusAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        ThrowIfDisposed();
        Contracts.V1.ForgetStatus reply;
        try
        {
            reply = await _calls.GetForgetStatusAsync(ticketId, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (RpcFailures.IsFatal(ex))
        {
            throw new FederationClientException($"The server refused client '{ClientId}': {ex.Status.Detail}", ex);
        }

        var status = ForgetMessages.ToStatus(reply);
        if (await Store.ForgetRequests.FindByTicketAsync(ticketId, cancellationToken).ConfigureAwait(false) is { IsFinal: false } local
            && local.State != status.State && status.State >= local.State)
        {
            await Store.ForgetRequests.UpdateStateAsync(local.RequestId, status.State, status.FailureReason, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    // The same request id with the same samples is a retry by the app: hand back what exists.
    private async Task<LocalForgetRequest?> FindSameRequestAsync(ForgetRequestDraft draft, CancellationToken cancellationToken)
    {
        if (draft.RequestId is null) return null;
        var existing = await Store.ForgetRequests.GetAsync(draft.RequestId, cancellationToken).ConfigureAwait(false);
        if (existing is null) return null;
        var stored = await Store.ForgetRequests.GetSampleIdsAsync(existing.RequestId, cancellationToken).ConfigureAwait(false);
        var given = draft.SampleIds.Distinct().Order().ToArray();
        if (existing.Scope != draft.Scope || !stored.AsSpan().SequenceEqual(given))
        {
            throw new ArgumentException(
                $"Forget request id '{draft.RequestId}' was already used for a different request; request ids must identify one request.", nameof(draft));
        }

        return existing;
    }
}
