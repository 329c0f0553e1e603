using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server.Interceptors;

/// <summary>Logs each call's start (debug) and its end with status code and duration (information).</summary>
public sealed class LoggingInterceptor(ILogger logger) : IServerInterceptor
{
    /// <inheritdoc />
    public async Task InterceptAsync(ServerCallContext context, ServerCallHandler next)
    {
        string peer = context.Peer;
        RpcLog.CallStarted(logger, context.Method, peer);
        long started = Stopwatch.GetTimestamp();
        StatusCode code = StatusCode.Unknown;
        try
        {
            await next(context).ConfigureAwait(false);
            code = context.Status.Code;
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            code = context.Call.DeadlineExceeded ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            throw;
        }
        finally
        {
            RpcLog.CallEnded(logger, context.Method, peer, code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
