using FedUnlearn.Client.Events;
using FedUnlearn.Client.Internal;

namespace FedUnlearn.Client;

public sealed partial class FederationClient : IClientEvents
{
    /// <summary>The node joined (again, after a reconnect) and its task stream is open.</summary>
    public event EventHandler<ClientJoinedEventArgs>? Joined;

    /// <summary>A task arrived and local work begins.</summary>
    public event EventHandler<TaskStartedEventArgs>? TaskStarted;

    /// <summary>The learner reported progress (raised on the learner's thread; keep handlers quick).</summary>
    public event EventHandler<TaskProgressEventArgs>? TaskProgress;

    /// <summary>A task's result (adapter, evaluation report or local failure) was sent, or could not be.</summary>
    public event EventHandler<TaskSubmittedEventArgs>? TaskSubmitted;

    /// <summary>The task stream is down or could not be opened; the client reconnects after the given delay.</summary>
    public event EventHandler<DisconnectedEventArgs>? Disconnected;

    /// <summary>The server acknowledged one of this node's forget requests with a ticket.</summary>
    public event EventHandler<ForgetAcknowledgedEventArgs>? ForgetAcknowledged;

    /// <summary>The server asked the client to stop (a restart, or this client's removal).</summary>
    public event EventHandler<ShutdownEventArgs>? ShutdownReceived;

    void IClientEvents.OnJoined(ClientJoinedEventArgs args) => Raise(Joined, args, nameof(Joined));

    void IClientEvents.OnTaskStarted(TaskStartedEventArgs args) => Raise(TaskStarted, args, nameof(TaskStarted));

    void IClientEvents.OnTaskProgress(TaskProgressEventArgs args) => Raise(TaskProgress, args, nameof(TaskProgress));

    void IClientEvents.OnTaskSubmitted(TaskSubmittedEventArgs args) => Raise(TaskSubmitted, args, nameof(TaskSubmitted));

    void IClientEvents.OnDisconnected(DisconnectedEventArgs args) => Raise(Disconnected, args, nameof(Disconnected));

    void IClientEvents.OnForgetAcknowledged(ForgetAcknowledgedEventArgs args) => Raise(ForgetAcknowledged, args, nameof(ForgetAcknowledged));

    void IClientEvents.OnShutdown(ShutdownEventArgs args) => Raise(ShutdownReceived, args, nameof(ShutdownReceived));

    // A throwing handler in the app must not take the node down mid-round.
    private void Raise<T>(EventHandler<T>? handler, T args, string name)
    {
        if (handler is null) return;
        try
        {
            handler(this, args);
        }
        catch (Exception ex)
        {
            ClientLog.HandlerFailed(_logger, name, ex);
        }
    }
}
