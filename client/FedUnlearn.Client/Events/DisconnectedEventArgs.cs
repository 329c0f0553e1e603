namespace FedUnlearn.Client.Events;

/// <summary>The task stream is down (or could not be opened); the client reconnects after <see cref="RetryDelay"/>.</summary>
/// <param name="Reason">What happened, for logs.</param>
/// <param name="Error">The failure, when there was one (null for a clean close or a restart notice).</param>
/// <param name="Attempt">Reconnect attempts in a row so far, from 1.</param>
/// <param name="RetryDelay">How long the client waits before the next attempt.</param>
public sealed record DisconnectedEventArgs(string Reason, Exception? Error, int Attempt, TimeSpan RetryDelay);
