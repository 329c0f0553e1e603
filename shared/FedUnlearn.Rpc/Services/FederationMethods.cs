using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Rpc.Services;

/// <summary>
/// The methods of <c>fedunlearn.v1.Federation</c> (proto/fedunlearn/v1/federation.proto), shared by
/// the server that binds them and the clients that call them.
/// </summary>
public static class FederationMethods
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "fedunlearn.v1.Federation";

    /// <summary>Registers the caller and returns the federation's configuration (safe to repeat).</summary>
    public static readonly Method<JoinRequest, JoinResponse> Join =
        new(MethodType.Unary, ServiceName, "Join", idempotent: true);

    /// <summary>Long-lived stream of tasks.</summary>
    public static readonly Method<SubscribeRequest, ClientTask> Subscribe =
        new(MethodType.ServerStreaming, ServiceName, "Subscribe", idempotent: true);

    /// <summary>Streams one global adapter version: a header, then chunks.</summary>
    public static readonly Method<FetchAdapterRequest, FetchAdapterResponse> FetchAdapter =
        new(MethodType.ServerStreaming, ServiceName, "FetchAdapter", idempotent: true);

    /// <summary>Uploads a task's result: a header, then chunks. Idempotent by task id.</summary>
    public static readonly Method<SubmitUpdateRequest, SubmitUpdateResponse> SubmitUpdate =
        new(MethodType.ClientStreaming, ServiceName, "SubmitUpdate", idempotent: true);

    /// <summary>Asks to forget the caller's samples or the caller. Idempotent by request id.</summary>
    public static readonly Method<RequestForgetRequest, RequestForgetResponse> RequestForget =
        new(MethodType.Unary, ServiceName, "RequestForget", idempotent: true);

    /// <summary>State of one of the caller's forget requests.</summary>
    public static readonly Method<GetForgetStatusRequest, ForgetStatus> GetForgetStatus =
        new(MethodType.Unary, ServiceName, "GetForgetStatus", idempotent: true);
}
