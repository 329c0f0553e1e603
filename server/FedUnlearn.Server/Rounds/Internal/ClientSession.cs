using System.Threading.Channels;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// One admitted client as the running server knows it: its open task streams, its outstanding
/// tasks (delivered again to every new stream until they are resolved) and what it told us at Join.
/// Thread-safe.
/// </summary>
internal sealed class ClientSession(ClientRecord record)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<ClientTask>> _streams = [];
    private readonly Dictionary<string, ClientTask> _outstanding = new(StringComparer.Ordinal);

    public ClientRecord Record { get; } = record;

    public string ClientId => Record.Name;

    public string? DisplayName { get; set; }

    public ClientCapabilities? Capabilities { get; set; }

    public DateTimeOffset? LastSeen { get; set; } = record.LastSeenAt;

    public bool Joined { get; set; }

    public long RoundsContributed;

    public bool IsOnline
    {
        get { lock (_gate) return _streams.Count > 0; }
    }

    /// <summary>Opens a stream: it first receives every outstanding task.</summary>
    public ChannelReader<ClientTask> Attach(out Action detach)
    {
        var stream = Channel.CreateUnbounded<ClientTask>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            foreach (ClientTask task in _outstanding.Values)
                stream.Writer.TryWrite(task);
            _streams.Add(stream);
        }

        detach = () =>
        {
            lock (_gate) _streams.Remove(stream);
            stream.Writer.TryComplete();
        };
        return stream.Reader;
    }

    /// <summary>Sends <paramref name="task"/> on every open stream and keeps it until <see cref="Resolve"/>.</summary>
    public void Push(ClientTask task)
    {
        lock (_gate)
        {
            _outstanding[task.TaskId] = task;
            foreach (Channel<ClientTask> stream in _streams)
                stream.Writer.TryWrite(task);
        }
    }

    /// <summary>The task is answered or expired: new streams no longer receive it.</summary>
    public void Resolve(string taskId)
    {
        lock (_gate) _outstanding.Remove(taskId);
    }

    /// <summary>Sends <paramref name="final"/> (a Shutdown) and closes every stream.</summary>
    public void Close(ClientTask final)
    {
        lock (_gate)
        {
            foreach (Channel<ClientTask> stream in _streams)
            {
                stream.Writer.TryWrite(final);
                stream.Writer.TryComplete();
            }

            _streams.Clear();
        }
    }
}
