using FedUnlearn.Rpc.Server.Internal;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server;

/// <summary>
/// A service's methods bound to their handlers, ready to host. Build one with
/// <see cref="CreateBuilder(string)"/>.
/// </summary>
public sealed class ServiceDefinition
{
    internal ServiceDefinition(string name, IReadOnlyList<MethodBinding> methods)
    {
        Name = name;
        Methods = methods;
    }

    /// <summary>The fully qualified service name, e.g. <c>fedunlearn.v1.Federation</c>.</summary>
    public string Name { get; }

    /// <summary>The paths of the bound methods, <c>/package.Service/Method</c>.</summary>
    public IEnumerable<string> MethodPaths => Methods.Select(m => m.Path);

    internal IReadOnlyList<MethodBinding> Methods { get; }

    /// <summary>Starts describing the service <paramref name="serviceName"/>.</summary>
    public static ServiceDefinitionBuilder CreateBuilder(string serviceName) => new(serviceName);

    /// <summary>One method: its path and how to make its handler once hosting options are known.</summary>
    internal sealed record MethodBinding(string Path, Func<GrpcServerOptions, ILogger, ServerMethodHandler> CreateHandler);
}
