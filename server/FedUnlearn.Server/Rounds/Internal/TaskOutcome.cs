namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>What became of one task of a round, as far as the running server knows.</summary>
internal enum TaskOutcome
{
    /// <summary>No final answer yet (an upload may be in flight).</summary>
    Pending,

    /// <summary>The update was validated and folded in.</summary>
    Accepted,

    /// <summary>The update was refused; the reason is kept and sent again on a re-send.</summary>
    Rejected,

    /// <summary>The client reported a local failure instead of an update.</summary>
    Failed,
}
