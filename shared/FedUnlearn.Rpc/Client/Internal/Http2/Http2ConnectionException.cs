namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// A connection error (RFC 9113 §5.4.1): the connection is unusable, every stream on it fails.
/// Raised for malformed frames from the peer and for protocol violations we detect.
/// </summary>
internal sealed class Http2ConnectionException(Http2ErrorCode code, string message, Exception? inner = null)
    : Exception($"HTTP/2 connection error ({code}): {message}", inner)
{
    public Http2ErrorCode Code { get; } = code;
}
