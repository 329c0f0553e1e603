namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>A stream error (RFC 9113 §5.4.2): only that stream is reset.</summary>
internal sealed class Http2StreamException(Http2ErrorCode code, string message)
    : Exception($"HTTP/2 stream error ({code}): {message}")
{
    public Http2ErrorCode Code { get; } = code;
}
