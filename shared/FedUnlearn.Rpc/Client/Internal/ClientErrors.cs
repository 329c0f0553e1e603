using System.Net.Http;

namespace FedUnlearn.Rpc.Client.Internal;

/// <summary>Maps transport failures of a client call to gRPC statuses.</summary>
internal static class ClientErrors
{
    public static readonly Status DeadlineExceeded = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    public static readonly Status Cancelled = new(StatusCode.Cancelled, "Call cancelled by the client.");

    public static Status ToStatus(Exception exception, bool deadlineExceeded, bool cancelled)
    {
        if (exception is RpcException rpc)
        {
            return rpc.Status;
        }

        // The spec lets the client report DEADLINE_EXCEEDED for any failure after its deadline.
        if (deadlineExceeded)
        {
            return DeadlineExceeded;
        }

        if (cancelled)
        {
            return Cancelled;
        }

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                StatusCode code = Rpc.Internal.HttpStatusMapping.FromHttp2ErrorCode(protocol.ErrorCode);
                return new Status(code, $"The HTTP/2 stream was reset (error code {protocol.ErrorCode}): {protocol.Message}");
            }
        }

        return exception switch
        {
            HttpRequestException http => new Status(StatusCode.Unavailable, "Error starting the call: " + http.Message),
            IOException io => new Status(StatusCode.Unavailable, "The connection failed: " + io.Message),
            OperationCanceledException => Cancelled,
            _ => new Status(StatusCode.Internal, $"Unexpected client error: {exception.GetType().Name}: {exception.Message}"),
        };
    }
}
