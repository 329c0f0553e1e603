using System.Security.Cryptography.X509Certificates;
using FedUnlearn.Rpc.Server.Internal;

namespace FedUnlearn.Rpc.Server;

/// <summary>
/// What a handler may know and control about its call, without seeing HTTP: deadline,
/// cancellation, metadata, peer, the authenticated identity and the status to end with.
/// </summary>
public sealed class ServerCallContext
{
    private Dictionary<object, object?>? _items;

    internal ServerCallContext(ServerCall call) => Call = call;

    /// <summary>The method's path, <c>/package.Service/Method</c>.</summary>
    public string Method => Call.MethodPath;

    /// <summary>The remote address, e.g. <c>ipv4:127.0.0.1:53211</c>.</summary>
    public string Peer => Call.Peer;

    /// <summary>When the client's deadline expires, or null when it sent none.</summary>
    public DateTimeOffset? Deadline => Call.Deadline;

    /// <summary>Cancelled when the client cancels, the deadline expires or the connection drops.</summary>
    public CancellationToken CancellationToken => Call.CancellationToken;

    /// <summary>The request's custom metadata (protocol headers excluded).</summary>
    public Metadata RequestHeaders => Call.RequestHeaders;

    /// <summary>Metadata sent in the trailers when the call ends.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>
    /// The status to end with when the handler returns normally (default OK). Set a non-OK
    /// status instead of throwing to end the call without a response message.
    /// </summary>
    public Status Status { get; set; } = Status.Ok;

    /// <summary>The caller's identity, set by an authentication interceptor; null when anonymous.</summary>
    public string? Identity { get; set; }

    /// <summary>The client's TLS certificate when it presented one (mutual TLS).</summary>
    public X509Certificate2? ClientCertificate => Call.ClientCertificate;

    /// <summary>Per-call state shared between interceptors and the handler.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    internal ServerCall Call { get; }

    /// <summary>Sends response headers now (at most once, before the first response message).</summary>
    public Task WriteResponseHeadersAsync(Metadata headers) => Call.WriteResponseHeadersAsync(headers);
}
