using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>The placeholder until forget campaigns exist: refuses clearly rather than pretending to accept.</summary>
internal sealed class UnavailableForgetRequestService : IForgetRequestService
{
    private const string Message =
        "Forget requests are not available on this server yet: campaigns are not implemented, and a request " +
        "is refused rather than acknowledged without being honoured. Tombstone the samples locally meanwhile.";

    public int OpenCount => 0;

    public Task<RequestForgetResponse> RequestAsync(string? clientId, RequestForgetRequest request, CancellationToken cancellationToken) =>
        throw new RpcException(StatusCode.Unimplemented, Message);

    public Task<ForgetStatus> GetStatusAsync(string? clientId, string ticketId, CancellationToken cancellationToken) =>
        throw new RpcException(StatusCode.Unimplemented, Message);

    public Task<IReadOnlyList<ForgetStatus>> ListAsync(ForgetState state, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ForgetStatus>>([]);
}
