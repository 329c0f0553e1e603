using FedUnlearn.Rpc.Server;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Health;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service (Check and Watch) over any generated message
/// types, so the transport does not own the health contract: pass the request's service name
/// accessor and a response factory (see the example in the remarks).
/// </summary>
/// <remarks>
/// With the <c>Grpc.Health.V1</c> types generated from grpc's health.proto:
/// <code>
/// HealthServiceDefinition.Create&lt;HealthCheckRequest, HealthCheckResponse&gt;(reporter,
///     request =&gt; request.Service,
///     status =&gt; new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)status });
/// </code>
/// </remarks>
public static class HealthServiceDefinition
{
    /// <summary>The service's name on the wire.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    /// <summary>Builds the health service reporting <paramref name="reporter"/>'s statuses.</summary>
    public static ServiceDefinition Create<TRequest, TResponse>(HealthReporter reporter, Func<TRequest, string> serviceOf, Func<HealthStatus, TResponse> responseOf)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(serviceOf);
        ArgumentNullException.ThrowIfNull(responseOf);
        var check = new Method<TRequest, TResponse>(MethodType.Unary, ServiceName, "Check", idempotent: true);
        var watch = new Method<TRequest, TResponse>(MethodType.ServerStreaming, ServiceName, "Watch");
        return ServiceDefinition.CreateBuilder(ServiceName)
            .AddUnary(check, (request, _) =>
            {
                string service = serviceOf(request);
                return reporter.GetStatus(service) is { } status
                    ? Task.FromResult(responseOf(status))
                    : throw new RpcException(StatusCode.NotFound, $"Unknown service '{service}'.");
            })
            .AddServerStreaming(watch, async (request, responses, context) =>
            {
                try
                {
                    await foreach (HealthStatus status in reporter.WatchAsync(serviceOf(request), context.CancellationToken).ConfigureAwait(false))
                    {
                        await responses.WriteAsync(responseOf(status), context.CancellationToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
                {
                    // Watch ends when the client goes away or its deadline passes.
                }
            })
            .Build();
    }
}
