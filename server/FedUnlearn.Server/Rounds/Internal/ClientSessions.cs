using System.Collections.Concurrent;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// Every admitted client's session, by its client id (the store's unique name), and a signal the
/// round runner awaits when clients connect or leave.
/// </summary>
internal sealed class ClientSessions
{
    private readonly ConcurrentDictionary<string, ClientSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _signalGate = new();
    private TaskCompletionSource _changed = NewSignal();

    public ClientSession GetOrAdd(ClientRecord record) => _sessions.GetOrAdd(record.Name, _ => new ClientSession(record));

    public ClientSession? Find(string clientId) => _sessions.TryGetValue(clientId, out ClientSession? s) ? s : null;

    public IReadOnlyList<ClientSession> All => [.. _sessions.Values.OrderBy(s => s.ClientId, StringComparer.Ordinal)];

    public IReadOnlyList<ClientSession> Online => [.. All.Where(s => s.IsOnline)];

    /// <summary>Completes at the next stream opening or closing.</summary>
    public Task Changed
    {
        get { lock (_signalGate) return _changed.Task; }
    }

    /// <summary>Called whenever a stream opens or closes.</summary>
    public void NotifyChanged()
    {
        TaskCompletionSource changed;
        lock (_signalGate)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>Completes once at least <paramref name="count"/> clients have an open task stream.</summary>
    public async Task WaitForOnlineAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_signalGate) changed = _changed.Task;
            if (Online.Count >= count)
                return;
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells every connected client the server is going away, and closes their streams.</summary>
    public void CloseAll(string reason)
    {
        var shutdown = new ClientTask { Shutdown = new Shutdown { Reason = reason, MayReconnect = true } };
        foreach (ClientSession session in _sessions.Values)
            session.Close(shutdown);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
