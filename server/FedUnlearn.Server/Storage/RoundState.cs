namespace FedUnlearn.Server.Storage;

/// <summary>Where a round is in its life.</summary>
public enum RoundState
{
    /// <summary>Started; tasks out, updates arriving. A crash leaves a round here until recovery.</summary>
    Running = 0,

    /// <summary>Closed with its new global version committed atomically.</summary>
    Committed = 1,

    /// <summary>Closed without a new version (deadline with too few updates, or interrupted by a restart).</summary>
    Abandoned = 2,
}
