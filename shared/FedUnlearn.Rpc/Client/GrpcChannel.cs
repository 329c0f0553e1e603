using System.Collections.Concurrent;
using FedUnlearn.Rpc.Client.Internal;
using FedUnlearn.Rpc.Client.Internal.Http2;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Client;

/// <summary>
/// A connection pool to one gRPC server over HTTP/2 (h2c for <c>http://</c>, TLS with ALPN h2
/// for <c>https://</c>). Thread-safe; create one per server and reuse it for every call.
/// </summary>
public sealed partial class GrpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options, HttpMessageInvoker invoker)
    {
        Address = address;
        Options = options;
        Invoker = invoker;
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    /// <summary>The channel's settings.</summary>
    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>Creates a channel to <paramref name="address"/> (<c>http://host:port</c> or <c>https://host:port</c>).</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' must be an absolute http:// or https:// address.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        options.Validate();
        HttpMessageHandler handler = options.Transport == HttpTransport.SocketsHttpHandler
            ? CreateSocketsHandler(options)
            : new Http2Handler(CreateHttp2Settings(options));
        return new GrpcChannel(address, options, new HttpMessageInvoker(handler, disposeHandler: true));
    }

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    /// <summary>Starts a unary call.</summary>
    public AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ClientCall<TRequest, TResponse> call = Create(method, MethodType.Unary, options);
        call.StartUnary(request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Makes a unary call and returns its response.</summary>
    public Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => UnaryCall(method, request, options).ResponseAsync;

    /// <summary>Starts a client-streaming call.</summary>
    public ClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ClientCall<TRequest, TResponse> call = Create(method, MethodType.ClientStreaming, options);
        call.StartStreaming();
        return new ClientStreamingCall<TRequest, TResponse>(new ClientStreamWriter<TRequest, TResponse>(call), call.ReadSingleResponseAsync(),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Starts a server-streaming call.</summary>
    public ServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ClientCall<TRequest, TResponse> call = Create(method, MethodType.ServerStreaming, options);
        call.StartUnary(request);
        return new ServerStreamingCall<TResponse>(new ResponseStream<TRequest, TResponse>(call), call.ResponseHeadersAsync,
            call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Starts a bidirectional-streaming call.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ClientCall<TRequest, TResponse> call = Create(method, MethodType.DuplexStreaming, options);
        call.StartStreaming();
        return new DuplexStreamingCall<TRequest, TResponse>(new ClientStreamWriter<TRequest, TResponse>(call), new ResponseStream<TRequest, TResponse>(call),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Closes the connections; running calls fail.</summary>
    public void Dispose() => Invoker.Dispose();

    internal Uri GetMethodUri(string path) => _methodUris.GetOrAdd(path, static (p, address) => new Uri(address, p), Address);

    private ClientCall<TRequest, TResponse> Create<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, CallOptions options)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"{method.FullName} is {method.Type}; it cannot be called as {expected}.", nameof(method));
        }

        return new ClientCall<TRequest, TResponse>(this, method, options);
    }
}
