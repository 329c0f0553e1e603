using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>Routes a request by its <c>:path</c> to the method's handler; unknown paths get UNIMPLEMENTED.</summary>
internal sealed class GrpcDispatcher
{
    private readonly FrozenDictionary<string, ServerMethodHandler> _handlers;
    private readonly ILogger _logger;

    public GrpcDispatcher(IEnumerable<ServiceDefinition> services, GrpcServerOptions options, ILogger logger)
    {
        _logger = logger;
        var handlers = new Dictionary<string, ServerMethodHandler>(StringComparer.Ordinal);
        foreach (ServiceDefinition service in services)
        {
            foreach (ServiceDefinition.MethodBinding binding in service.Methods)
            {
                if (!handlers.TryAdd(binding.Path, binding.CreateHandler(options, logger)))
                {
                    throw new InvalidOperationException($"Method {binding.Path} is registered twice.");
                }
            }
        }

        _handlers = handlers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public Task HandleAsync(HttpContext http)
    {
        if (_handlers.TryGetValue(http.Request.Path.Value ?? string.Empty, out ServerMethodHandler? handler))
        {
            return handler.HandleAsync(http);
        }

        if (ServerProtocol.Validate(http, _logger))
        {
            ServerProtocol.WriteTrailersOnly(http, StatusCode.Unimplemented, $"Method {http.Request.Path} is not implemented.");
        }

        return Task.CompletedTask;
    }
}
