using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Rpc.Services;

/// <summary>The methods of <c>fedunlearn.v1.Admin</c> (proto/fedunlearn/v1/admin.proto).</summary>
public static class AdminMethods
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "fedunlearn.v1.Admin";

    /// <summary>Overall state of the federation.</summary>
    public static readonly Method<GetFederationStatusRequest, FederationStatus> GetFederationStatus =
        new(MethodType.Unary, ServiceName, "GetFederationStatus", idempotent: true);

    /// <summary>Admitted clients.</summary>
    public static readonly Method<ListClientsRequest, ListClientsResponse> ListClients =
        new(MethodType.Unary, ServiceName, "ListClients", idempotent: true);

    /// <summary>Rounds, newest first.</summary>
    public static readonly Method<ListRoundsRequest, ListRoundsResponse> ListRounds =
        new(MethodType.Unary, ServiceName, "ListRounds", idempotent: true);

    /// <summary>Forget requests, newest first.</summary>
    public static readonly Method<ListForgetRequestsRequest, ListForgetRequestsResponse> ListForgetRequests =
        new(MethodType.Unary, ServiceName, "ListForgetRequests", idempotent: true);

    /// <summary>Streams audit records in sequence order.</summary>
    public static readonly Method<GetAuditLogRequest, AuditRecord> GetAuditLog =
        new(MethodType.ServerStreaming, ServiceName, "GetAuditLog", idempotent: true);

    /// <summary>Starts a class- or client-scope forget request. Idempotent by request id.</summary>
    public static readonly Method<RequestForgetRequest, RequestForgetResponse> RequestForget =
        new(MethodType.Unary, ServiceName, "RequestForget", idempotent: true);

    /// <summary>Admits a client and issues its token (not idempotent: a second call is ALREADY_EXISTS).</summary>
    public static readonly Method<AddClientRequest, AddClientResponse> AddClient =
        new(MethodType.Unary, ServiceName, "AddClient");
}
