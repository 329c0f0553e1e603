using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FedUnlearn.Rpc.Health;

/// <summary>
/// The statuses the health service reports, set by the application (thread-safe). The empty
/// service name "" stands for the whole server.
/// </summary>
public sealed class HealthReporter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HealthStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<HealthStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Creates a reporter where the whole server ("") is serving.</summary>
    public HealthReporter() => _statuses[string.Empty] = HealthStatus.Serving;

    /// <summary>Sets <paramref name="service"/>'s status and notifies its watchers.</summary>
    public void SetStatus(string service, HealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (status is HealthStatus.ServiceUnknown)
        {
            throw new ArgumentException("ServiceUnknown is reported for unregistered services; use ClearStatus.", nameof(status));
        }

        Publish(service, status, remove: false);
    }

    /// <summary>Forgets <paramref name="service"/> (Check then answers NOT_FOUND, Watch SERVICE_UNKNOWN).</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Publish(service, HealthStatus.ServiceUnknown, remove: true);
    }

    /// <summary>Marks every registered service NOT_SERVING, e.g. when shutting down gracefully.</summary>
    public void SetAllNotServing()
    {
        string[] services;
        lock (_gate)
        {
            services = [.. _statuses.Keys];
        }

        foreach (string service in services)
        {
            SetStatus(service, HealthStatus.NotServing);
        }
    }

    /// <summary>The status of <paramref name="service"/>, or null when it is not registered.</summary>
    public HealthStatus? GetStatus(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out HealthStatus status) ? status : null;
        }
    }

    /// <summary>The current status, then every change, until cancelled. Slow readers see only the latest.</summary>
    public async IAsyncEnumerable<HealthStatus> WatchAsync(string service, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<HealthStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out HealthStatus status) ? status : HealthStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(service, out List<Channel<HealthStatus>>? list))
            {
                _watchers[service] = list = [];
            }

            list.Add(channel);
        }

        try
        {
            await foreach (HealthStatus status in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return status;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers[service].Remove(channel);
            }
        }
    }

    private void Publish(string service, HealthStatus status, bool remove)
    {
        lock (_gate)
        {
            bool changed = remove ? _statuses.Remove(service) : !_statuses.TryGetValue(service, out HealthStatus old) || old != status;
            if (!remove)
            {
                _statuses[service] = status;
            }

            if (changed && _watchers.TryGetValue(service, out List<Channel<HealthStatus>>? list))
            {
                foreach (Channel<HealthStatus> channel in list)
                {
                    channel.Writer.TryWrite(status);
                }
            }
        }
    }
}
