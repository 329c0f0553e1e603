using Google.Protobuf;
using FedUnlearn.Rpc.Server.Internal;

namespace FedUnlearn.Rpc.Server;

/// <summary>Binds a service's methods to handler delegates.</summary>
public sealed class ServiceDefinitionBuilder
{
    private readonly string _serviceName;
    private readonly List<ServiceDefinition.MethodBinding> _methods = [];

    internal ServiceDefinitionBuilder(string serviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        _serviceName = serviceName;
    }

    /// <summary>Binds a unary method.</summary>
    public ServiceDefinitionBuilder AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => Add(method, MethodType.Unary, handler);

    /// <summary>Binds a client-streaming method.</summary>
    /// <param name="method">The method.</param>
    /// <param name="handler">Reads the request stream, returns the response.</param>
    /// <param name="payloads">
    /// <see cref="RequestPayloads.BorrowedUntilNextMessage"/> lets the requests' bytes fields share
    /// one receive buffer: valid only until the handler asks for the next message.
    /// </param>
    public ServiceDefinitionBuilder AddClientStreaming<TRequest, TResponse>(
        Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler, RequestPayloads payloads = RequestPayloads.Owned)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => Add(method, MethodType.ClientStreaming, handler, payloads);

    /// <summary>Binds a server-streaming method.</summary>
    public ServiceDefinitionBuilder AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => Add(method, MethodType.ServerStreaming, handler);

    /// <summary>Binds a bidirectional-streaming method.</summary>
    /// <param name="method">The method.</param>
    /// <param name="handler">Reads the request stream, writes responses.</param>
    /// <param name="payloads">As for <see cref="AddClientStreaming{TRequest, TResponse}"/>.</param>
    public ServiceDefinitionBuilder AddDuplexStreaming<TRequest, TResponse>(
        Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler, RequestPayloads payloads = RequestPayloads.Owned)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => Add(method, MethodType.DuplexStreaming, handler, payloads);

    /// <summary>The finished definition.</summary>
    public ServiceDefinition Build()
    {
        if (_methods.Count == 0)
        {
            throw new InvalidOperationException($"Service '{_serviceName}' has no methods.");
        }

        return new ServiceDefinition(_serviceName, _methods.ToArray());
    }

    private ServiceDefinitionBuilder Add<TRequest, TResponse>(
        Method<TRequest, TResponse> method, MethodType expected, Delegate handler, RequestPayloads payloads = RequestPayloads.Owned)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        if (method.Type != expected)
        {
            throw new ArgumentException($"{method.FullName} is {method.Type}, not {expected}.", nameof(method));
        }

        if (!Enum.IsDefined(payloads))
        {
            throw new ArgumentOutOfRangeException(nameof(payloads), payloads, "Unknown RequestPayloads value.");
        }

        if (method.ServiceName != _serviceName)
        {
            throw new ArgumentException($"{method.FullName} belongs to '{method.ServiceName}', not '{_serviceName}'.", nameof(method));
        }

        if (_methods.Any(m => m.Path == method.FullName))
        {
            throw new ArgumentException($"{method.FullName} is already bound.", nameof(method));
        }

        _methods.Add(new ServiceDefinition.MethodBinding(
            method.FullName,
            (options, logger) => new ServerMethodHandler<TRequest, TResponse>(method, handler, payloads, options, logger)));
        return this;
    }
}
