using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server;

/// <summary>The transport's log messages (source-generated, allocation-free when disabled).</summary>
internal static partial class RpcLog
{
    [LoggerMessage(1, LogLevel.Error, "Handler for {Method} threw; the client gets {StatusCode}.")]
    public static partial void HandlerFailed(ILogger logger, string method, StatusCode statusCode, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Call {Method} from {Peer} started.")]
    public static partial void CallStarted(ILogger logger, string method, string peer);

    [LoggerMessage(3, LogLevel.Information, "Call {Method} from {Peer} ended with {StatusCode} in {ElapsedMs:F1} ms.")]
    public static partial void CallEnded(ILogger logger, string method, string peer, StatusCode statusCode, double elapsedMs);

    [LoggerMessage(4, LogLevel.Debug, "Rejected request to {Path}: {Reason}.")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Call {Method} was cancelled by the client or the deadline ({StatusCode}).")]
    public static partial void CallCancelled(ILogger logger, string method, StatusCode statusCode);

    [LoggerMessage(6, LogLevel.Warning, "Call {Method} from {Peer} was refused: {Detail}.")]
    public static partial void Unauthenticated(ILogger logger, string method, string peer, string detail);

    [LoggerMessage(7, LogLevel.Information, "gRPC server listening on {Address}.")]
    public static partial void Listening(ILogger logger, Uri address);
}
