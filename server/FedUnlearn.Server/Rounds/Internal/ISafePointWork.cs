namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// Work the round runner does at a safe point, between two rounds and instead of the next
/// training round: forget campaigns. A round in flight always commits (or is abandoned) first.
/// </summary>
internal interface ISafePointWork
{
    /// <summary>True while work is waiting.</summary>
    bool HasPendingWork { get; }

    /// <summary>Completes when new work arrives (wakes a runner waiting for clients).</summary>
    Task WorkArrived { get; }

    /// <summary>Does the oldest waiting work to its end (a campaign to its final state).</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
