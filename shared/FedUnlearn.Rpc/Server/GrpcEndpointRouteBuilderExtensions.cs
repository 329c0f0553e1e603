using FedUnlearn.Rpc.Server.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedUnlearn.Rpc.Server;

/// <summary>Hosts gRPC services inside an existing ASP.NET Core application.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <paramref name="service"/> as a POST endpoint. The host must listen
    /// with HTTP/2 (see <see cref="ConfigureForGrpc"/>); <paramref name="options"/>' listening
    /// settings are ignored here, its limits and interceptors apply.
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServiceDefinition service, GrpcServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        options ??= new GrpcServerOptions();
        ILogger logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("FedUnlearn.Rpc.Server");
        foreach (ServiceDefinition.MethodBinding binding in service.Methods)
        {
            ServerMethodHandler handler = binding.CreateHandler(options, logger);
            endpoints.MapPost(binding.Path, handler.HandleAsync);
        }

        return endpoints;
    }

    /// <summary>Applies gRPC's Kestrel limits (windows, no body-rate limits, no body size limit).</summary>
    public static KestrelServerOptions ConfigureForGrpc(this KestrelServerOptions kestrel, GrpcServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        KestrelSetup.ApplyLimits(kestrel, options ?? new GrpcServerOptions());
        return kestrel;
    }
}
