using FedUnlearn.Rpc.Client;
using Grpc.Health.V1;

namespace FedUnlearn.Rpc.Services;

/// <summary>Typed calls of the standard <c>grpc.health.v1.Health</c> service (no token needed).</summary>
public sealed class HealthRpcClient
{
    private readonly GrpcChannel _channel;

    /// <summary>Calls the server behind <paramref name="channel"/>.</summary>
    public HealthRpcClient(GrpcChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
    }

    /// <summary>Status of <paramref name="service"/> ("" for the whole server); an unknown service is NOT_FOUND.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> CheckAsync(string service = "", CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        HealthCheckResponse response = await _channel.UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = service }, options).ConfigureAwait(false);
        return response.Status;
    }

    /// <summary>Opens a watch: the current status, then every change, until disposed.</summary>
    public ServerStreamingCall<HealthCheckResponse> Watch(string service = "", CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        return _channel.ServerStreamingCall(HealthMethods.Watch, new HealthCheckRequest { Service = service }, options);
    }
}
