namespace FedUnlearn.Rpc.Health;

/// <summary>A service's serving status; the numbers match <c>grpc.health.v1.HealthCheckResponse.ServingStatus</c>.</summary>
public enum HealthStatus
{
    /// <summary>Status not known.</summary>
    Unknown = 0,
    /// <summary>The service accepts calls.</summary>
    Serving = 1,
    /// <summary>The service is registered but not accepting calls.</summary>
    NotServing = 2,
    /// <summary>Used only by Watch: the service is not registered (yet).</summary>
    ServiceUnknown = 3,
}
