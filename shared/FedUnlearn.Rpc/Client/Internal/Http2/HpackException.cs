namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>A header block that cannot be decoded: a COMPRESSION_ERROR for the connection.</summary>
internal sealed class HpackException(string message) : Exception(message);
