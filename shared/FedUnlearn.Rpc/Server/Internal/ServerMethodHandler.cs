using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>
/// Drives one method's calls: protocol checks, deadline, interceptors, the typed handler, the
/// mapping of its outcome to a status, and the trailers.
/// </summary>
internal abstract class ServerMethodHandler
{
    private readonly ServerCallHandler _pipeline;

    protected ServerMethodHandler(string path, GrpcServerOptions options, ILogger logger)
    {
        Path = path;
        Options = options;
        Logger = logger;
        ServerCallHandler pipeline = RunCoreAsync;
        for (int i = options.Interceptors.Count - 1; i >= 0; i--)
        {
            IServerInterceptor interceptor = options.Interceptors[i];
            ServerCallHandler next = pipeline;
            pipeline = context => interceptor.InterceptAsync(context, next);
        }

        _pipeline = pipeline;
    }

    public string Path { get; }

    protected GrpcServerOptions Options { get; }

    protected ILogger Logger { get; }

    public async Task HandleAsync(HttpContext http)
    {
        if (!ServerProtocol.Validate(http, Logger))
        {
            return;
        }

        using var call = new ServerCall(http, Path, Options);
        Status status;
        Metadata? trailers = null;
        try
        {
            await _pipeline(call.Context).ConfigureAwait(false);
            status = call.DeadlineExceeded ? DeadlineStatus : call.Context.Status;
        }
        catch (Exception ex)
        {
            (status, trailers) = MapException(call, ex);
        }

        if (call.ClientAborted)
        {
            return; // The stream is gone (RST_STREAM from the client): nothing can be sent.
        }

        call.Finish(status, trailers);
    }

    /// <summary>Reads requests, runs the typed handler, writes responses.</summary>
    protected abstract Task RunCoreAsync(ServerCallContext context);

    private static Status DeadlineStatus => new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    private (Status Status, Metadata? Trailers) MapException(ServerCall call, Exception ex)
    {
        if (call.DeadlineExceeded)
        {
            RpcLog.CallCancelled(Logger, Path, StatusCode.DeadlineExceeded);
            return (DeadlineStatus, null);
        }

        if (call.ClientAborted)
        {
            RpcLog.CallCancelled(Logger, Path, StatusCode.Cancelled);
            return (new Status(StatusCode.Cancelled, "Call cancelled by the client."), null);
        }

        if (ex is RpcException rpc)
        {
            return (rpc.Status, rpc.Trailers);
        }

        // Never leak internals to the caller unless the operator asked for detailed errors.
        var status = new Status(StatusCode.Unknown, Options.EnableDetailedErrors
            ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
            : "Exception was thrown by handler.");
        RpcLog.HandlerFailed(Logger, Path, status.Code, ex);
        return (status, null);
    }
}
