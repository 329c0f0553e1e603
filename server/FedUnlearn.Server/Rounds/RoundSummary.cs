using FedUnlearn.Server.Aggregation;

namespace FedUnlearn.Server.Rounds;

/// <summary>What one finished training round did: who was asked, who counted, who was refused and why.</summary>
/// <param name="Round">The round number.</param>
/// <param name="Outcome">Committed or abandoned.</param>
/// <param name="BaseVersion">The global version the round trained from.</param>
/// <param name="CommittedVersion">The version it committed; null when abandoned.</param>
/// <param name="Selected">Client ids asked to train.</param>
/// <param name="Contributors">Client ids whose updates were aggregated, in arrival order.</param>
/// <param name="Rejected">Updates refused (bad layout, non-finite, norm, wrong version...), with reasons.</param>
/// <param name="Failures">Clients that reported a local failure instead of an update.</param>
/// <param name="Metrics">Sample-weighted means of the contributors' training metrics.</param>
/// <param name="StartedAt">When its tasks were sent.</param>
/// <param name="FinishedAt">When it committed or was abandoned.</param>
/// <param name="Note">Why it was abandoned, when it was.</param>
public sealed record RoundSummary(
    long Round,
    RoundOutcome Outcome,
    long BaseVersion,
    long? CommittedVersion,
    IReadOnlyList<string> Selected,
    IReadOnlyList<string> Contributors,
    IReadOnlyList<RejectedUpdate> Rejected,
    IReadOnlyList<RejectedUpdate> Failures,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string? Note);
