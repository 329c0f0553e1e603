using Grpc.Health.V1;

namespace FedUnlearn.Rpc.Services;

/// <summary>The methods of the standard <c>grpc.health.v1.Health</c> service.</summary>
public static class HealthMethods
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    /// <summary>Current status of a service ("" for the whole server).</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Check =
        new(MethodType.Unary, ServiceName, "Check", idempotent: true);

    /// <summary>The status now, then each change.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch =
        new(MethodType.ServerStreaming, ServiceName, "Watch", idempotent: true);
}
