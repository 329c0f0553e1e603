using FedUnlearn.Rpc;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FedUnlearn.Client.Internal;

/// <summary>Tells failures worth retrying (the network, a restarting server) from ones that will not heal.</summary>
internal static class RpcFailures
{
    /// <summary>The server will refuse again whatever we do: wrong token, wrong client id, not a FedUnlearn server, untrusted certificate.</summary>
    public static bool IsFatal(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unimplemented }
        || IsTlsFailure(exception);

    /// <summary>The TLS handshake failed (untrusted or mismatched certificate): a configuration problem, not a network one.</summary>
    public static bool IsTlsFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException) return true;
        }

        return false;
    }

    /// <summary>A failure of the connection or the server's availability; trying again later may work.</summary>
    public static bool IsTransient(Exception exception) => !IsTlsFailure(exception) && exception switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal
            or StatusCode.Unknown or StatusCode.Aborted or StatusCode.Cancelled or StatusCode.ResourceExhausted,
        BrokenCircuitException or TimeoutRejectedException or IOException or HttpRequestException => true,
        _ => false,
    };

    /// <summary>What the circuit breaker counts as the server failing (not refusals of a bad request).</summary>
    public static bool CountsAgainstServer(Exception? exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown,
        TimeoutRejectedException => true,
        _ => false,
    };
}
