using FedUnlearn.Rpc;

namespace FedUnlearn.Client;

/// <summary>
/// The federation refused this client for good: an unknown or revoked token (UNAUTHENTICATED), a
/// token issued for another client id (PERMISSION_DENIED), or a server that does not speak the
/// FedUnlearn protocol. Retrying would not help; fix the configuration.
/// </summary>
public sealed class FederationClientException : Exception
{
    /// <summary>Creates the exception from the call that was refused.</summary>
    public FederationClientException(string message, RpcException innerException)
        : base(message, innerException)
    {
        StatusCode = innerException.StatusCode;
    }

    /// <summary>The gRPC status the server answered with.</summary>
    public StatusCode StatusCode { get; }
}
