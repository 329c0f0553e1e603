using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>What removing a client from the stored history gave.</summary>
/// <param name="Corrected">The recomputed global adapter; null when the history could not be replayed (see <paramref name="FallbackReason"/>) or nothing needed removing.</param>
/// <param name="RoundsReplayed">Committed rounds recomputed, from the first one the client contributed to.</param>
/// <param name="RoundsAffected">Of those, rounds whose aggregate included the client.</param>
/// <param name="FallbackReason">Why the history could not be replayed exactly; null when it could.</param>
internal sealed record ReplayOutcome(ParameterSet? Corrected, int RoundsReplayed, int RoundsAffected, string? FallbackReason)
{
    public bool NothingToRemove => Corrected is null && FallbackReason is null;
}
