using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Admission.Internal;

/// <summary>Who the admission interceptor let in.</summary>
internal static class CallerIdentity
{
    /// <summary>The identity of calls made with the admin token.</summary>
    public const string Admin = "admin";

    /// <summary>The authenticated client of a Federation call.</summary>
    public static ClientRecord Client(ServerCallContext context) =>
        context.Items.TryGetValue(typeof(ClientRecord), out object? value) && value is ClientRecord client
            ? client
            : throw new RpcException(StatusCode.Unauthenticated, "Unauthenticated: no client token.");
}
