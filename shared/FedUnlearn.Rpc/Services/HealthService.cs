using FedUnlearn.Rpc.Health;
using FedUnlearn.Rpc.Server;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FedUnlearn.Rpc.Services;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service (Check and Watch) over the generated
/// <see cref="HealthCheckRequest"/>/<see cref="HealthCheckResponse"/> messages: a typed face on the
/// generic <see cref="HealthReporter"/>. The overall status (service name "") starts as SERVING.
/// </summary>
public sealed class HealthService
{
    /// <summary>Creates the service with only the overall status set.</summary>
    public HealthService() =>
        Definition = HealthServiceDefinition.Create<HealthCheckRequest, HealthCheckResponse>(
            Reporter, request => request.Service, status => new HealthCheckResponse { Status = (ServingStatus)status });

    /// <summary>The statuses, shared with anything else that reports health.</summary>
    public HealthReporter Reporter { get; } = new();

    /// <summary>The service to host on a <see cref="GrpcServer"/>.</summary>
    public ServiceDefinition Definition { get; }

    /// <summary>Sets the status of <paramref name="service"/> and tells its watchers.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is SERVICE_UNKNOWN (use <see cref="ClearStatus"/>).</exception>
    public void SetStatus(string service, ServingStatus status) => Reporter.SetStatus(service, (HealthStatus)status);

    /// <summary>Forgets <paramref name="service"/>: Check answers NOT_FOUND, watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service) => Reporter.ClearStatus(service);

    /// <summary>Marks every known service NOT_SERVING, e.g. while the server shuts down.</summary>
    public void EnterShutdown() => Reporter.SetAllNotServing();

    /// <summary>The status of <paramref name="service"/>, or null when it is unknown.</summary>
    public ServingStatus? GetStatus(string service) => Reporter.GetStatus(service) is { } status ? (ServingStatus)status : null;
}
