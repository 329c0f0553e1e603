using FedUnlearn.Client.Events;

namespace FedUnlearn.Client.Internal;

/// <summary>Where the internals report what happens; <see cref="FederationClient"/> raises its public events from here.</summary>
internal interface IClientEvents
{
    void OnJoined(ClientJoinedEventArgs args);

    void OnTaskStarted(TaskStartedEventArgs args);

    void OnTaskProgress(TaskProgressEventArgs args);

    void OnTaskSubmitted(TaskSubmittedEventArgs args);

    void OnDisconnected(DisconnectedEventArgs args);

    void OnForgetAcknowledged(ForgetAcknowledgedEventArgs args);

    void OnShutdown(ShutdownEventArgs args);
}
