namespace FedUnlearn.Server.Rounds;

/// <summary>
/// Training rounds kept failing: <see cref="Hosting.FederationServerOptions.MaxFailedRounds"/> rounds in a
/// row were abandoned with too few accepted updates, so retrying again would most likely loop forever
/// (e.g. every client's update is rejected). The server's completion faults with it.
/// </summary>
public sealed class RoundsFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="attempts"/> failed rounds ending with <paramref name="last"/>.</summary>
    public RoundsFailedException(int attempts, RoundSummary last)
        : base(Describe(attempts, last ?? throw new ArgumentNullException(nameof(last))))
    {
        Attempts = attempts;
        LastRound = last;
    }

    /// <summary>Consecutive failed rounds.</summary>
    public int Attempts { get; }

    /// <summary>The last failed round, with its rejected updates and failures.</summary>
    public RoundSummary LastRound { get; }

    private static string Describe(int attempts, RoundSummary last)
    {
        var text = $"Training failed {attempts} time(s) in a row (last: round {last.Round}; the global adapter stays at version "
            + $"{last.BaseVersion}): {last.Note}";
        if (last.Rejected.Count > 0)
            text += $"; {last.Rejected.Count} of {last.Selected.Count} update(s) rejected: {Reasons(last.Rejected)}";
        if (last.Failures.Count > 0)
            text += $"; {last.Failures.Count} of {last.Selected.Count} client(s) failed: {Reasons(last.Failures)}";
        return text;
    }

    private static string Reasons(IReadOnlyList<Aggregation.RejectedUpdate> updates)
    {
        // Clients usually fail for one shared reason: show each distinct reason once, with who hit it.
        var distinct = updates.GroupBy(u => u.Reason).Take(3)
            .Select(g => $"{string.Join(", ", g.Select(u => u.ClientId).Order(StringComparer.Ordinal).Take(3))}{(g.Count() > 3 ? ", ..." : "")}: {g.Key}");
        return string.Join(" | ", distinct);
    }
}
