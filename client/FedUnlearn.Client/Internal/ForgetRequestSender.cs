using FedUnlearn.Client.Events;
using FedUnlearn.Client.Storage;
using FedUnlearn.Rpc;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Client.Internal;

/// <summary>
/// Sends locally persisted forget requests and records the server's ticket. Safe to repeat: the
/// server deduplicates by request id and the store accepts the same ticket again. A request the
/// network loses stays <see cref="LocalForgetState.Pending"/> and is sent again on the next connect.
/// </summary>
internal sealed class ForgetRequestSender(ResilientFederationCalls calls, LocalForgetRequests requests, IClientEvents events, ILogger logger)
{
    /// <summary>Sends <paramref name="request"/>; returns it as stored afterwards (still pending when the server was unreachable).</summary>
    /// <exception cref="RpcException">The server refused the caller itself (UNAUTHENTICATED, PERMISSION_DENIED).</exception>
    public async Task<LocalForgetRequest> SendAsync(LocalForgetRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await calls.RequestForgetAsync(ForgetMessages.ToRequest(request), cancellationToken).ConfigureAwait(false);
            var state = ForgetMessages.ToLocal(response.State);
            var stored = await requests.MarkAcknowledgedAsync(request.RequestId, response.TicketId,
                state == LocalForgetState.Failed ? LocalForgetState.Accepted : state, cancellationToken).ConfigureAwait(false);
            if (state == LocalForgetState.Failed)
                stored = await requests.UpdateStateAsync(request.RequestId, LocalForgetState.Failed, "The server reported the request as failed.", cancellationToken).ConfigureAwait(false);
            ClientLog.ForgetAcknowledged(logger, request.RequestId, response.TicketId, stored.State);
            events.OnForgetAcknowledged(new ForgetAcknowledgedEventArgs(request.RequestId, response.TicketId, stored.State, response.Duplicate));
            return stored;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && (RpcFailures.IsTransient(ex) || ex is RpcException { StatusCode: StatusCode.Unimplemented }))
        {
            // A server that does not take forget requests yet is treated like an unreachable one: keep it for later.
            ClientLog.ForgetPending(logger, request.RequestId, ex.Message);
            return request;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested && !RpcFailures.IsFatal(ex))
        {
            // INVALID_ARGUMENT and friends: the request itself is wrong; re-sending it forever would not help.
            ClientLog.ForgetRefused(logger, request.RequestId, ex.Status.Detail);
            return await requests.UpdateStateAsync(request.RequestId, LocalForgetState.Failed,
                $"Refused by the server ({ex.StatusCode}): {ex.Status.Detail}", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends every pending request, oldest first; stops at the first one the network loses.</summary>
    public async Task ResendPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var request in await requests.ListPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            var after = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (after.State == LocalForgetState.Pending) return;
        }
    }
}
