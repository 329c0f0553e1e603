namespace FedUnlearn.Server.Storage;

/// <summary>A round as stored.</summary>
/// <param name="Number">Round number, increasing, never reused (an abandoned round keeps its number).</param>
/// <param name="State">Running, committed or abandoned.</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="ClosedAt">When it was committed or abandoned.</param>
/// <param name="GlobalVersionIn">The global version it started from.</param>
/// <param name="GlobalVersionOut">The version it committed, if committed.</param>
/// <param name="Participants">Number of clients whose updates counted.</param>
/// <param name="Note">Why it was abandoned, when it was.</param>
public sealed record RoundRecord(
    long Number, RoundState State, DateTimeOffset StartedAt, DateTimeOffset? ClosedAt,
    long GlobalVersionIn, long? GlobalVersionOut, int Participants, string? Note)
{
    /// <summary>What the round did: train, unlearn (a forget campaign's round) or evaluate.</summary>
    public TaskKind Kind { get; init; } = TaskKind.Train;

    /// <summary>The forget request a campaign or verification round served; null for training.</summary>
    public string? TicketId { get; init; }
}
