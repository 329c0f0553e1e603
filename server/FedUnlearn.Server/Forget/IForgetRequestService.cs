using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Server.Forget;

/// <summary>
/// The seam where forget requests enter the server: the RPC edge (Federation.RequestForget and
/// GetForgetStatus for clients, Admin.RequestForget and ListForgetRequests for operators) calls it
/// after admission. The implementation persists a request before acknowledging it and runs the
/// unlearning campaign. Until one is plugged in, <see cref="ForgetRequests.NotAvailable"/> answers
/// UNIMPLEMENTED and lists nothing.
/// </summary>
public interface IForgetRequestService
{
    /// <summary>Accepts a request from <paramref name="clientId"/> (null for an operator); the same request id returns the same ticket.</summary>
    /// <exception cref="Rpc.RpcException">UNIMPLEMENTED, NOT_FOUND (unknown client in a client scope), INVALID_ARGUMENT...</exception>
    Task<RequestForgetResponse> RequestAsync(string? clientId, RequestForgetRequest request, CancellationToken cancellationToken);

    /// <summary>The status of a ticket <paramref name="clientId"/> may see (null: an operator sees all).</summary>
    Task<ForgetStatus> GetStatusAsync(string? clientId, string ticketId, CancellationToken cancellationToken);

    /// <summary>Requests, newest first, optionally only in <paramref name="state"/>.</summary>
    Task<IReadOnlyList<ForgetStatus>> ListAsync(ForgetState state, CancellationToken cancellationToken);

    /// <summary>Requests not yet completed or failed.</summary>
    int OpenCount { get; }
}
