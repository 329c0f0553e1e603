namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>The connection went away before the request was sent: safe to send it on another connection.</summary>
internal sealed class Http2RetryException() : Exception("The HTTP/2 connection closed before the request was sent.");
