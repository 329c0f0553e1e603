using System.Threading.Channels;
using FedUnlearn.Rpc.Server;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FedUnlearn.Rpc.Services;

/// <summary>
/// The standard gRPC health service (grpc/grpc doc/health-checking.md) with a settable status per
/// service name. The whole server ("") starts SERVING. Check on an unknown name is NOT_FOUND; Watch
/// on one sends SERVICE_UNKNOWN and waits for it to appear. Host it with <see cref="Definition"/>
/// and list its methods as anonymous in the authentication interceptor.
/// </summary>
public sealed class HealthService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = ServingStatus.Serving };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>The service bound to its handlers.</summary>
    public ServiceDefinition Definition => ServiceDefinition.CreateBuilder(HealthMethods.ServiceName)
        .AddUnary(HealthMethods.Check, CheckAsync)
        .AddServerStreaming(HealthMethods.Watch, WatchAsync)
        .Build();

    /// <summary>Sets <paramref name="service"/>'s status ("" for the server) and tells its watchers.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (status is ServingStatus.ServiceUnknown)
        {
            throw new ArgumentException("SERVICE_UNKNOWN is reported for unset names; use ClearStatus.", nameof(status));
        }

        Publish(service, status, remove: false);
    }

    /// <summary>Forgets <paramref name="service"/>: Check answers NOT_FOUND, watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Publish(service, ServingStatus.ServiceUnknown, remove: true);
    }

    /// <summary>Marks every known service NOT_SERVING (graceful shutdown: probes stop routing to us).</summary>
    public void EnterShutdown()
    {
        string[] names;
        lock (_gate)
        {
            names = [.. _statuses.Keys];
        }

        foreach (string name in names)
        {
            SetStatus(name, ServingStatus.NotServing);
        }
    }

    /// <summary>The status of <paramref name="service"/>, or null when it is not set.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out ServingStatus status) ? status : null;
        }
    }

    private void Publish(string service, ServingStatus status, bool remove)
    {
        lock (_gate)
        {
            if (remove)
            {
                _statuses.Remove(service);
            }
            else
            {
                _statuses[service] = status;
            }

            if (_watchers.TryGetValue(service, out List<Channel<ServingStatus>>? watchers))
            {
                foreach (Channel<ServingStatus> watcher in watchers)
                {
                    watcher.Writer.TryWrite(status);
                }
            }
        }
    }

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        ServingStatus status = GetStatus(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        // Only the latest status matters to a watcher: a slow reader skips intermediate ones.
        var updates = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            updates.Writer.TryWrite(_statuses.TryGetValue(request.Service, out ServingStatus current) ? current : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(request.Service, out List<Channel<ServingStatus>>? list))
            {
                _watchers[request.Service] = list = [];
            }

            list.Add(updates);
        }

        try
        {
            ServingStatus? last = null;
            await foreach (ServingStatus status in updates.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (status != last)
                {
                    await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
                    last = status;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers[request.Service].Remove(updates);
            }
        }
    }
}
