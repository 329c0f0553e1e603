namespace FedUnlearn.Client.Events;

/// <summary>The server asked the client to stop.</summary>
/// <param name="Reason">The server's explanation.</param>
/// <param name="MayReconnect">True for a server restart (the client reconnects); false when this client was removed (the run ends).</param>
public sealed record ShutdownEventArgs(string Reason, bool MayReconnect);
