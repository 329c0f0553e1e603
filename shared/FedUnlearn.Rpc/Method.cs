using Google.Protobuf;

namespace FedUnlearn.Rpc;

/// <summary>
/// Describes one method of a service: its path on the wire (<c>/package.Service/Method</c>), its
/// shape and how to parse its messages. Shared by client and server.
/// </summary>
/// <typeparam name="TRequest">The protobuf request message.</typeparam>
/// <typeparam name="TResponse">The protobuf response message.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    /// <summary>Describes <paramref name="serviceName"/>'s method <paramref name="name"/>.</summary>
    /// <param name="type">The method's shape.</param>
    /// <param name="serviceName">Fully qualified service name, e.g. <c>fedunlearn.v1.Federation</c>.</param>
    /// <param name="name">The method's name, e.g. <c>Join</c>.</param>
    /// <param name="idempotent">Whether retrying a call is safe (resilience only retries those).</param>
    public Method(MethodType type, string serviceName, string name, bool idempotent = false)
    {
        ValidateName(serviceName, nameof(serviceName));
        ValidateName(name, nameof(name));
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        Idempotent = idempotent;
    }

    /// <summary>The method's shape.</summary>
    public MethodType Type { get; }

    /// <summary>Fully qualified service name.</summary>
    public string ServiceName { get; }

    /// <summary>The method's short name.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c>: <c>/package.Service/Method</c>.</summary>
    public string FullName { get; }

    /// <summary>Whether calls may be sent more than once (retries).</summary>
    public bool Idempotent { get; }

    /// <summary>Parses requests.</summary>
    public MessageParser<TRequest> RequestParser { get; } = new(static () => new TRequest());

    /// <summary>Parses responses.</summary>
    public MessageParser<TResponse> ResponseParser { get; } = new(static () => new TResponse());

    /// <inheritdoc />
    public override string ToString() => FullName;

    private static void ValidateName(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameter);
        if (value.Contains('/') || value.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{value}' must not contain '/' or whitespace.", parameter);
        }
    }
}
