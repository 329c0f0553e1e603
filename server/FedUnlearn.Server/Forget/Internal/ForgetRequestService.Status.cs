using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class ForgetRequestService
{
    /// <inheritdoc />
    public async Task<ForgetStatus> GetStatusAsync(string? clientId, string ticketId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ticketId)) throw new RpcException(StatusCode.InvalidArgument, "ticket_id is required.");
        ForgetRequestRecord? request = await _context.Store.GetForgetRequestAsync(ticketId, cancellationToken).ConfigureAwait(false);
        // Another client's ticket is indistinguishable from a missing one: tickets reveal nothing about other participants.
        if (request is null || (clientId is not null && request.RequestedBy != clientId))
            throw new RpcException(StatusCode.NotFound, $"No forget request '{ticketId}' of yours.");
        return ForgetStatusMapping.Status(request);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ForgetStatus>> ListAsync(ForgetState state, CancellationToken cancellationToken)
    {
        ForgetRequestState? filter = state == ForgetState.Unspecified ? null : ForgetStatusMapping.State(state);
        IReadOnlyList<ForgetRequestRecord> requests = await _context.Store.ListForgetRequestsAsync(filter, cancellationToken).ConfigureAwait(false);
        return [.. requests.Select(ForgetStatusMapping.Status)];
    }
}
