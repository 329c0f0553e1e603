using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class ForgetRequestService
{
    /// <inheritdoc />
    public async Task<RequestForgetResponse> RequestAsync(string? clientId, RequestForgetRequest request, CancellationToken cancellationToken)
    {
        ForgetRequestRecord wanted = RequestValidation.ToRecord(clientId, request, _context.Options, (int)Math.Min(_context.Server.Model.NumClasses, int.MaxValue));
        if (_context.Runner.Sharding is { } sharding)
        {
            wanted = ShardedRequests.Adapt(wanted, request.Method);
            // The shard's rounds so far; the campaign counts again when it starts (training may go on meanwhile).
            int shard = sharding.ShardOf(wanted.TargetClient ?? wanted.RequestedBy!);
            wanted = wanted with { RoundsPlanned = (await _context.Store.LatestShardVersionsAsync(cancellationToken).ConfigureAwait(false))[shard].Step };
        }

        if (wanted.TargetClient is { } target)
        {
            ClientRecord client = await _context.Store.FindClientByNameAsync(target, cancellationToken).ConfigureAwait(false)
                ?? throw new RpcException(StatusCode.NotFound, $"No client '{target}' is admitted.");
            if (client.RemovedAt is not null)
                throw new RpcException(StatusCode.FailedPrecondition, $"Client '{target}' has already left the federation.");
        }

        // One acceptance at a time: a duplicate arriving while the original is being audited would otherwise
        // see the request not yet audited and append a second acceptance record for it.
        await _accepting.WaitAsync(cancellationToken).ConfigureAwait(false);
        ForgetRequestRecord stored;
        bool created;
        try
        {
            // Persisted (and fsynced by SQLite) before anything is acknowledged: an acknowledged request is never lost.
            (stored, created) = await _context.Store.AddForgetRequestAsync(wanted, cancellationToken).ConfigureAwait(false);
            if (created)
                ForgetLog.Accepted(_context.Logger, stored.TicketId, ForgetAudit.ScopeText(stored.Scope), stored.Method, stored.RequestedBy ?? "the operator");
            if (!stored.AcceptedAudited)
                stored = await AuditAcceptedAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _accepting.Release();
        }

        if (created)
        {
            // Queued only once its acceptance record exists, so the audit trail starts with it.
            Interlocked.Increment(ref _open);
            Signal();
        }
        return new RequestForgetResponse { TicketId = stored.TicketId, State = ForgetStatusMapping.State(stored.State), Duplicate = !created };
    }

    private async Task<ForgetRequestRecord> AuditAcceptedAsync(ForgetRequestRecord request, CancellationToken cancellationToken)
    {
        await _context.Audit.AppendAsync(AuditKinds.ForgetAccepted, request.TicketId, ForgetAudit.Accepted(request), cancellationToken).ConfigureAwait(false);
        // Re-read: the campaign may have moved the request on meanwhile; only the flag changes here.
        ForgetRequestRecord current = await _context.Store.GetForgetRequestAsync(request.TicketId, cancellationToken).ConfigureAwait(false) ?? request;
        return await _context.Store.UpdateForgetRequestAsync(current with { AcceptedAudited = true }, cancellationToken).ConfigureAwait(false);
    }
}
