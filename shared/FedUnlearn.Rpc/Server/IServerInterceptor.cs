namespace FedUnlearn.Rpc.Server;

/// <summary>
/// Runs around every call before its request is read (authentication, logging, metrics). Throw
/// <see cref="RpcException"/> to end the call with a status; call <c>next</c> to continue.
/// Interceptors run in the order they are registered (the first is the outermost).
/// </summary>
public interface IServerInterceptor
{
    /// <summary>Intercepts one call.</summary>
    Task InterceptAsync(ServerCallContext context, ServerCallHandler next);
}
