using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;

namespace FedUnlearn.Rpc.Services;

/// <summary>
/// Typed calls of <c>fedunlearn.v1.Admin</c> over a <see cref="GrpcChannel"/>, each carrying the
/// admin token given here (unless <see cref="CallOptions.BearerToken"/> overrides it). Thread-safe.
/// </summary>
public sealed class AdminRpcClient
{
    private readonly GrpcChannel _channel;
    private readonly string? _adminToken;

    /// <summary>Calls the server behind <paramref name="channel"/> with <paramref name="adminToken"/>.</summary>
    public AdminRpcClient(GrpcChannel channel, string? adminToken = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _adminToken = adminToken;
    }

    /// <summary>Overall state of the federation.</summary>
    public Task<FederationStatus> GetFederationStatusAsync(CallOptions options = default) =>
        _channel.UnaryAsync(AdminMethods.GetFederationStatus, new GetFederationStatusRequest(), With(options));

    /// <summary>One page of admitted clients.</summary>
    public Task<ListClientsResponse> ListClientsAsync(ListClientsRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(AdminMethods.ListClients, request, With(options));

    /// <summary>One page of rounds, newest first.</summary>
    public Task<ListRoundsResponse> ListRoundsAsync(ListRoundsRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(AdminMethods.ListRounds, request, With(options));

    /// <summary>One page of forget requests, newest first.</summary>
    public Task<ListForgetRequestsResponse> ListForgetRequestsAsync(ListForgetRequestsRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(AdminMethods.ListForgetRequests, request, With(options));

    /// <summary>Opens the audit-record stream; enumerate <see cref="ServerStreamingCall{T}.ResponseStream"/>.</summary>
    public ServerStreamingCall<AuditRecord> GetAuditLog(GetAuditLogRequest request, CallOptions options = default) =>
        _channel.ServerStreamingCall(AdminMethods.GetAuditLog, request, With(options));

    /// <summary>Reads the audit records from <paramref name="request"/>'s sequence to the end (or its limit).</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAuditLogAsync(GetAuditLogRequest request, CallOptions options = default)
    {
        using ServerStreamingCall<AuditRecord> call = GetAuditLog(request, options);
        var records = new List<AuditRecord>();
        await foreach (AuditRecord record in call.ResponseStream.WithCancellation(options.CancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Starts a class- or client-scope forget request.</summary>
    public Task<RequestForgetResponse> RequestForgetAsync(RequestForgetRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(AdminMethods.RequestForget, request, With(options));

    /// <summary>Admits a client; the response's token is shown once.</summary>
    public Task<AddClientResponse> AddClientAsync(AddClientRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(AdminMethods.AddClient, request, With(options));

    private CallOptions With(CallOptions options) =>
        options.BearerToken is null && _adminToken is not null ? options with { BearerToken = _adminToken } : options;
}
