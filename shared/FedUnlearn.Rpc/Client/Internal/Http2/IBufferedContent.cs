namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// Request content whose bytes are known up front (a unary gRPC request): sent with its HEADERS
/// in one write, the last DATA frame carrying END_STREAM, when the windows allow.
/// </summary>
internal interface IBufferedContent
{
    ReadOnlyMemory<byte> Buffer { get; }
}
